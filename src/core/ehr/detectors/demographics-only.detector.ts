import { alertOf, perUserPatient, type Detector } from '../detector.js';
import { SCREEN } from '../event-table.js';

const DEMOGRAPHIC = new Set([SCREEN.demographics, SCREEN.contact, SCREEN.appointment]);

/** A10: only address/phone/contact/appointment screens of a patient, no clinical screen, no explanation. */
export const demographicsOnly: Detector = {
  rule: 'demographics_only',
  needs: [],
  run(input) {
    const { ctx } = input;
    const t = ctx.events;
    const key = (i: number): number => ctx.pairKey(t.user[i] ?? 0, t.patient[i] ?? 0);
    const clinical = new Set<number>();
    for (const i of input.unexplained) if (!DEMOGRAPHIC.has(t.screen[i] ?? 0)) clinical.add(key(i));
    const evs = [...input.unexplained].filter((i) => DEMOGRAPHIC.has(t.screen[i] ?? 0) && !clinical.has(key(i)));
    return perUserPatient(ctx, evs, (u, p, list) => (list.length < 2 ? null : alertOf('demographics_only', ctx, u, p, list, 45 + Math.min(35, list.length * 4), `診療情報を見ずに住所・電話・連絡先・予約の画面だけを${list.length}回閲覧`)));
  },
};
