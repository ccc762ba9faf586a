import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './workspace.js';

/** One fenced code block of a page. */
export interface DocBlock {
  /** The info string after the opening fence (`yaml`, `sh`...), or ''. */
  lang: string;
  /** The block's text, ending with a newline. */
  text: string;
  /** The path the block is introduced with: the line before it ends in "`some/path`:". */
  label?: string;
}

/** README.md and every page under docs/, as repository-relative paths. */
export function docPages(): string[] {
  const docs = readdirSync(join(REPO_ROOT, 'docs')).filter((n) => n.endsWith('.md'));
  return ['README.md', ...docs.sort().map((n) => `docs/${n}`)];
}

export function readPage(page: string): string {
  return readFileSync(join(REPO_ROOT, page), 'utf8');
}

const FENCE = /^```(\S*)\s*$/;
const LABEL = /`([^`\s]*\/[^`\s]*)`:\s*$/;

/** The fenced code blocks of a markdown text, in order. */
export function fencedBlocks(markdown: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  let previous = '';
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) {
      if (lines[i]!.trim() !== '') previous = lines[i]!;
      continue;
    }
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    const label = LABEL.exec(previous)?.[1];
    blocks.push({ lang: open[1]!, text: body.map((l) => l + '\n').join(''), ...(label ? { label } : {}) });
    previous = '';
  }
  return blocks;
}

/** The text outside fenced code blocks. */
export function prose(markdown: string): string {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```\s*$/gm, '');
}

/** From the heading whose text is `title` to the next heading of the same or a higher level (code blocks are not headings). */
export function section(markdown: string, title: string): string {
  const lines = markdown.split('\n');
  let fenced = false;
  const level = lines.map((l) => {
    if (FENCE.test(l)) fenced = !fenced;
    return !fenced && /^#+ /.test(l) ? /^#+/.exec(l)![0].length : 0;
  });
  const start = lines.findIndex((l, i) => level[i]! > 0 && l.replace(/^#+ /, '') === title);
  if (start < 0) throw new Error(`no heading "${title}"`);
  const end = level.findIndex((n, i) => i > start && n > 0 && n <= level[start]!);
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** The anchors GitHub gives a page's headings (`## Client variants: \`extends\`` -> `client-variants-extends`). */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, title] of prose(markdown).matchAll(/^#+ (.+)$/gm)) {
    const slug = title!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    result.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return result;
}

/** The targets of the page's markdown links that are not absolute URLs (`docs/x.md`, `x.md#y`, `#y`). */
export function relativeLinks(markdown: string): string[] {
  const text = prose(markdown).replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}
