// One DuckDB run of the same job, in its own process so its time and memory are measured alike:
// the latest row per id over every CSV given (hash aggregate with arg_max), written back to CSV.
import { DuckDBInstance } from '@duckdb/node-api';

const [out, ...inputs] = process.argv.slice(2);
const list = inputs.map((f) => `'${f.replace(/'/g, "''")}'`).join(', ');
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(
  `COPY (SELECT id, arg_max(description, timestamp) AS description, max(timestamp) AS timestamp
         FROM read_csv([${list}], header = true, columns = {'id': 'VARCHAR', 'description': 'VARCHAR', 'timestamp': 'DATE'})
         GROUP BY id ORDER BY id) TO '${out}' (HEADER)`,
);
