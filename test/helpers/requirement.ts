/** Something a group of tests needs from outside the repository: a system browser, a database server, data beside the clone. */
export interface Requirement {
  /** What it is, for messages: "headless Chromium". */
  what: string;
  /** Null when it is there; else one sentence: what is missing and what to install. */
  missing: () => string | null;
  /** With CI=true (as .ci/run sets), a missing requirement fails the tests instead of skipping them. */
  requiredInCi: boolean;
}

/** True when the tests run in CI, where every requirement must be met. */
export function inCi(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1';
}

/**
 * `describe(title, body)` when the requirement is met. Otherwise the group is
 * skipped with one pending line saying what to install, or, in CI for a
 * requirement CI must meet, replaced by one failing test saying the same.
 */
export function describeNeeding(requirement: Requirement, title: string, body: (this: Mocha.Suite) => void): void {
  const why = requirement.missing();
  if (why === null) {
    describe(title, body);
  } else if (requirement.requiredInCi && inCi()) {
    describe(title, () => {
      it(`needs ${requirement.what}`, () => {
        throw new Error(`${why} (CI=true: these tests are required, not skipped)`);
      });
    });
  } else {
    describe(title, () => {
      it(`skipped, needs ${requirement.what}: ${why}`);
    });
  }
}
