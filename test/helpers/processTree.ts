import { readdirSync, readFileSync } from 'node:fs';

/** One process as /proc shows it (Linux). */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Its process group. */
  pgrp: number;
  /** R running, S sleeping, T stopped (SIGSTOP), Z zombie, ... */
  state: string;
  /** Its arguments, joined by spaces. */
  command: string;
}

function readProcess(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    return { pid, state: fields[0]!, ppid: Number(fields[1]), pgrp: Number(fields[2]), command };
  } catch {
    return null; // it exited while we looked
  }
}

function allProcesses(): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map((n) => readProcess(Number(n)))
    .filter((p): p is ProcessInfo => p !== null);
}

/** `root` and every process below it (children, their children, ...), and every other member of its process group. */
export function processTree(root: number): ProcessInfo[] {
  const all = allProcesses();
  const found = new Map<number, ProcessInfo>();
  for (const p of all) if (p.pid === root || p.pgrp === root) found.set(p.pid, p);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all)
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.set(p.pid, p);
        grew = true;
      }
  }
  return [...found.values()].filter((p) => p.state !== 'Z');
}

/** Sends `signal` to the process group `root` leads and to every process of its tree (a child in a group of its own too). */
export function signalTree(root: number, signal: NodeJS.Signals): void {
  const members = processTree(root);
  try {
    process.kill(-root, signal);
  } catch {
    // the group is gone already
  }
  for (const p of members)
    try {
      process.kill(p.pid, signal);
    } catch {
      // it exited meanwhile
    }
}
