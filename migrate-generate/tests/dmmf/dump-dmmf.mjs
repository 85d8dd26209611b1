// A generator for Prisma's generator protocol that writes the `datamodel` section of the
// DMMF Prisma sends it to <output>/dmmf.json (2-space JSON, as JSON.stringify writes it).
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

const answer = (id, result) => process.stderr.write(JSON.stringify({ jsonrpc: '2.0', result, id }) + '\n');
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const msg = JSON.parse(line);
  if (msg.method === 'getManifest') return answer(msg.id, { manifest: { prettyName: 'DMMF dump' } });
  const out = msg.params.generator.output.value;
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'dmmf.json'), JSON.stringify(msg.params.dmmf.datamodel, null, 2) + '\n');
  answer(msg.id, null);
});
