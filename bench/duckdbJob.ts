// One DuckDB run of the same job, in its own process so its time and memory are measured alike:
// the latest row per id over every CSV given (hash aggregate with arg_max), written back to CSV.
//   node duckdbJob.js <out.csv> <input.csv>...                      a full run over a drop
//   node duckdbJob.js --latest <latest.csv> <out.csv> <input.csv>... an incremental run: the previous latest
//     table plus the new files, with dropline's tie rule between them (on equal timestamps the new row wins)
import { DuckDBInstance } from '@duckdb/node-api';

const args = process.argv.slice(2);
const latest = args[0] === '--latest' ? args[1]! : null;
const [out, ...inputs] = latest ? args.slice(2) : args;
const quote = (f: string): string => `'${f.replace(/'/g, "''")}'`;
const read = (files: string[]): string => `read_csv([${files.map(quote).join(', ')}], header = true, columns = {'id': 'VARCHAR', 'description': 'VARCHAR', 'timestamp': 'DATE'})`;
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
if (latest === null) {
  await connection.run(
    `COPY (SELECT id, arg_max(description, timestamp) AS description, max(timestamp) AS timestamp
           FROM ${read(inputs)} GROUP BY id ORDER BY id) TO ${quote(out!)} (HEADER)`,
  );
} else {
  // The order key (timestamp, src): the previous latest is src 0, the new files src 1, so a new row wins a tie.
  await connection.run(
    `COPY (SELECT id, arg_max(description, (timestamp, src)) AS description, max(timestamp) AS timestamp
           FROM (SELECT id, description, timestamp, 0 AS src FROM ${read([latest])}
                 UNION ALL SELECT id, description, timestamp, 1 AS src FROM ${read(inputs)})
           GROUP BY id ORDER BY id) TO ${quote(out!)} (HEADER)`,
  );
}
