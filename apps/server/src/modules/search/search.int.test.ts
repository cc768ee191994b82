import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeTicketRequest } from '@kefu/testing/factories';
import { call, eachBackend, makeWorkspace } from '../../testing/harness.js';

interface Hit {
  ticket: { id: string; subject: string };
  rank: number;
  highlights: Array<{ source: string; html: string }>;
}

eachBackend('search', (get) => {
  it('finds 退款 in subjects and in any message, ranked, with highlights', async () => {
    const t = get();
    const { owner } = await makeWorkspace(t);
    const mk = async (subject: string, body: string) =>
      (await call(t, owner, 'POST', '/api/v1/tickets', makeTicketRequest({ subject, body }))).body as { id: string };
    const inSubject = await mk('申请退款', '订单 12345 还没发货，我要退款');
    const inLaterMessage = await mk('物流太慢', '快递一周了还没到');
    await call(t, owner, 'POST', `/api/v1/tickets/${inLaterMessage.id}/messages`, {
      kind: 'public',
      authorType: 'customer',
      body: '算了，请直接帮我办理退款吧',
    });
    const unrelated = await mk('发票问题', '请开具增值税发票');
    const other = await makeWorkspace(t);
    await call(t, other.owner, 'POST', '/api/v1/tickets', { subject: '退款', body: '别的工作区', requester: { email: 'z@x.com' } });

    const r = await call(t, owner, 'GET', `/api/v1/search?q=${encodeURIComponent('退款')}`);
    assert.equal(r.status, 200);
    const hits = r.body.items as Hit[];
    const ids = hits.map((h) => h.ticket.id);
    assert.deepEqual(new Set(ids), new Set([inSubject.id, inLaterMessage.id]));
    assert.ok(!ids.includes(unrelated.id));
    assert.equal(ids[0], inSubject.id, 'a subject match ranks first');
    assert.ok(hits[0]!.rank >= hits[1]!.rank);
    assert.ok(hits[0]!.highlights.some((h) => h.source === 'subject' && h.html.includes('<mark>退款</mark>')));
    assert.ok(hits[1]!.highlights.some((h) => h.source === 'message' && h.html.includes('<mark>退款</mark>')));
  });

  it('matches English inflections and escapes HTML in snippets', async () => {
    const t = get();
    const { owner } = await makeWorkspace(t);
    const a = (
      await call(t, owner, 'POST', '/api/v1/tickets', {
        subject: 'Order 778',
        body: 'I was never refunded for <b>order</b> 778',
        requester: { email: 'e1@x.com' },
      })
    ).body;
    const b = (
      await call(t, owner, 'POST', '/api/v1/tickets', {
        subject: 'Refunds policy',
        body: 'How do refunds work?',
        requester: { email: 'e2@x.com' },
      })
    ).body;
    await call(t, owner, 'POST', '/api/v1/tickets', { subject: 'Shipping', body: 'Where is my parcel?', requester: { email: 'e3@x.com' } });
    const r = await call(t, owner, 'GET', '/api/v1/search?q=refund');
    const hits = r.body.items as Hit[];
    assert.deepEqual(new Set(hits.map((h) => h.ticket.id)), new Set([a.id, b.id]));
    const snippet = hits.find((h) => h.ticket.id === a.id)!.highlights[0]!.html;
    assert.ok(snippet.includes('<mark>refunded</mark>'), snippet);
    assert.ok(snippet.includes('&lt;b&gt;order&lt;/b&gt;'), snippet);
    const list = await call(t, owner, 'GET', '/api/v1/tickets?q=refunds');
    assert.equal(list.body.items.length, 2, 'the ticket list filter uses the same index');
  });

  it('finds customers by name, email or phone', async () => {
    const t = get();
    const { owner } = await makeWorkspace(t);
    const c = await call(t, owner, 'POST', '/api/v1/customers', {
      name: '王小明',
      identities: [
        { kind: 'email', value: 'xiaoming.wang@example.cn' },
        { kind: 'phone', value: '+86 138-0013-8000' },
      ],
    });
    assert.equal(c.status, 201);
    for (const q of ['王小明', 'xiaoming', '13800138000', '138-0013']) {
      const r = await call(t, owner, 'GET', `/api/v1/customers?q=${encodeURIComponent(q)}`);
      assert.ok(
        r.body.items.some((x: { id: string }) => x.id === c.body.id),
        `query ${q}`,
      );
    }
  });
});
