import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeTicketRequest } from '@kefu/testing/factories';
import { call, eachBackend, makeWorkspace, type TestApp } from '../../testing/harness.js';

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function upload(t: TestApp, token: string, filename: string, bytes: Buffer, contentType = 'application/octet-stream') {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/attachments?filename=${encodeURIComponent(filename)}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    payload: bytes,
  });
  return { status: res.statusCode, body: res.json() };
}

eachBackend('attachments', (get) => {
  it('sniffs the type, refuses executables and oversized files, and serves the file to its workspace', async () => {
    const t = get();
    const { owner } = await makeWorkspace(t);
    const png = await upload(t, owner.token, '截图.png', PNG, 'text/plain');
    assert.equal(png.status, 201);
    assert.equal(png.body.contentType, 'image/png', 'the declared type is ignored');
    const exe = await upload(t, owner.token, 'invoice.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]));
    assert.equal(exe.status, 415);
    assert.equal(exe.body.error.code, 'attachment_type_not_allowed');
    const big = await upload(t, owner.token, 'big.txt', Buffer.alloc(t.config.maxAttachmentBytes + 1, 0x61));
    assert.equal(big.status, 413);
    assert.equal((await upload(t, owner.token, '../../etc/passwd', Buffer.from('x'))).status, 400);

    const tk = await call(t, owner, 'POST', '/api/v1/tickets', makeTicketRequest({ attachmentIds: [png.body.id] }));
    assert.equal(tk.status, 201);
    const msgs = (await call(t, owner, 'GET', `/api/v1/tickets/${tk.body.id}/messages`)).body.items;
    assert.equal(msgs[0].attachments[0].id, png.body.id);
    const again = await call(t, owner, 'POST', '/api/v1/tickets', makeTicketRequest({ attachmentIds: [png.body.id] }));
    assert.equal(again.body.error.code, 'attachment_not_found', 'an attachment is used once');

    const dl = await t.app.inject({ method: 'GET', url: png.body.url, headers: { authorization: `Bearer ${owner.token}` } });
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.headers['content-type'], 'image/png');
    assert.equal(dl.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(dl.rawPayload, PNG);
    const other = await makeWorkspace(t);
    const foreign = await t.app.inject({ method: 'GET', url: png.body.url, headers: { authorization: `Bearer ${other.owner.token}` } });
    assert.equal(foreign.statusCode, 404);
  });
});
