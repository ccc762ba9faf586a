import { fitFileName } from '../util/fitFileName.js';

/** The name of the `.error.json` beside a quarantined file, shortened (with a hash) where it would pass 255 bytes. */
export function reasonFileName(quarantinedName: string): string {
  return fitFileName(Buffer.from(quarantinedName), '.error.json').toString();
}
