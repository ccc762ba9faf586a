export interface ChartRow {
  label: string;
  dropline: number;
  duckdb: number | null;
}

/** A small grouped bar chart (seconds, dropline vs DuckDB per case) as SVG text. */
export function chart(rows: ChartRow[], title: string): string {
  const width = 720;
  const barHeight = 16;
  const groupHeight = barHeight * 2 + 18;
  const left = 230;
  const max = Math.max(...rows.flatMap((r) => [r.dropline, r.duckdb ?? 0]), 0.001);
  const scale = (v: number): number => ((width - left - 80) * v) / max;
  const bar = (y: number, v: number | null, color: string, name: string): string =>
    v === null
      ? ''
      : `<rect x="${left}" y="${y}" width="${scale(v).toFixed(1)}" height="${barHeight}" fill="${color}"/><text x="${left + scale(v) + 6}" y="${y + 12}">${name} ${v.toFixed(2)} s</text>`;
  const body = rows
    .map((r, i) => {
      const y = 40 + i * groupHeight;
      return `<text x="8" y="${y + 20}">${r.label}</text>${bar(y, r.dropline, '#2b6cb0', 'dropline')}${bar(y + barHeight + 2, r.duckdb, '#c05621', 'DuckDB')}`;
    })
    .join('\n');
  const height = 50 + rows.length * groupHeight;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">
<text x="8" y="20" font-size="14" font-weight="bold">${title}</text>
${body}
</svg>
`;
}
