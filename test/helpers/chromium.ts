import { accessSync, constants } from 'node:fs';
import type { Requirement } from './requirement.js';

/** The headless browser the page tests drive: Debian's chromium, or DROPLINE_TEST_CHROMIUM. */
export const CHROMIUM = process.env.DROPLINE_TEST_CHROMIUM ?? '/usr/bin/chromium';

export const NEEDS_CHROMIUM: Requirement = {
  what: 'headless Chromium',
  requiredInCi: true,
  missing: () => {
    try {
      accessSync(CHROMIUM, constants.X_OK);
      return null;
    } catch {
      return `no browser at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium) or set DROPLINE_TEST_CHROMIUM to one`;
    }
  },
};
