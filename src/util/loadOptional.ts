import { DroplineError } from '../errors/DroplineError.js';

/**
 * Imports an optional package (exceljs, better-sqlite3, pg: large or compiled,
 * each needed by one feature, so not installed with dropline-cli). When it is
 * not installed, throws MISSING_PACKAGE naming the feature and the command that
 * fixes it: `the xlsx source needs exceljs: npm install exceljs`. Any other
 * failure while loading it (a broken install, a missing dependency of its own)
 * is rethrown as it is.
 */
export async function loadOptional<T>(name: string, feature: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (err) {
    const { code, message } = err as NodeJS.ErrnoException;
    const missing = (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String(message).includes(`'${name}'`);
    if (!missing) throw err;
    throw new DroplineError('MISSING_PACKAGE', `${feature} needs ${name}: npm install ${name}`, {}, { cause: err });
  }
}
