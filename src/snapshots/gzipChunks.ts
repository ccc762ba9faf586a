import { createGzip } from 'node:zlib';

/** Gzip (level 1: ~3x faster than the default for ~10% more bytes) of chunks, on the thread pool. */
export async function gzipChunks(chunks: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  const zip = createGzip({ level: 1 });
  zip.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    zip.on('end', resolve);
    zip.on('error', reject);
  });
  for (const chunk of chunks) if (!zip.write(chunk)) await new Promise((r) => zip.once('drain', r));
  zip.end();
  await done;
  return Buffer.concat(out);
}
