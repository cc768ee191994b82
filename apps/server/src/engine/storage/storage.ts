import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Where attachment bytes live. The default is a folder under the data dir; S3 can implement it later. */
export interface Storage {
  put(workspaceId: string, bytes: Buffer): Promise<{ key: string; sha256: string }>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
}

const KEY = /^[0-9a-f-]{36}\/[0-9a-f]{2}\/[0-9a-f-]{36}$/;

export class LocalStorage implements Storage {
  constructor(private readonly root: string) {}

  private path(key: string): string {
    if (!KEY.test(key)) throw new Error('invalid storage key');
    return join(this.root, key);
  }

  async put(workspaceId: string, bytes: Buffer): Promise<{ key: string; sha256: string }> {
    const id = randomUUID();
    const key = `${workspaceId}/${id.slice(0, 2)}/${id}`;
    const p = this.path(key);
    await mkdir(dirname(p), { recursive: true });
    await writeFile(p, bytes, { flag: 'wx' });
    return { key, sha256: createHash('sha256').update(bytes).digest('hex') };
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.path(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
