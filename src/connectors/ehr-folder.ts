/** Reads the EHR audit input folder: each known CSV file's text, or null when the file is absent. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EhrFile } from '../core/ehr/model.js';

export const EHR_FILES: readonly EhrFile[] = ['staff', 'patients', 'contacts', 'encounters', 'care_team', 'appointments', 'orders', 'shifts', 'terminals', 'access_log'];

export async function readEhrFolder(dir: string): Promise<Map<EhrFile, string | null>> {
  const out = new Map<EhrFile, string | null>();
  for (const f of EHR_FILES) {
    try {
      out.set(f, await readFile(path.join(dir, `${f}.csv`), 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      out.set(f, null);
    }
  }
  return out;
}
