/** Imports a user module (`.js`, `.mjs`, `.ts`...) named by a setting of a definition or the workspace; ModuleLoader is the built-in one. */
export interface ModuleImporter {
  /** `setting` and `file` name where the path was given, for errors. */
  import(path: string, setting: string, file: string): Promise<Record<string, unknown>>;
}
