import { alertOf, inWindow, perUserPatient, type Detector } from '../detector.js';

const DEMOGRAPHIC = new Set(['demographics', 'contact', 'appointment']);

/** A10: only address/phone/contact/appointment screens of a patient, no clinical screen, no explanation. */
export const demographicsOnly: Detector = {
  rule: 'demographics_only',
  needs: [],
  run(input) {
    const groups = inWindow(input).filter(({ explained }) => !explained);
    const clinical = new Set(groups.filter(({ e }) => !DEMOGRAPHIC.has(e.screen)).map(({ e }) => `${e.userId}|${e.patientId}`));
    const evs = groups.filter(({ e }) => DEMOGRAPHIC.has(e.screen) && !clinical.has(`${e.userId}|${e.patientId}`)).map(({ e }) => e);
    return perUserPatient(evs, (u, p, list) => (list.length < 2 ? null : alertOf('demographics_only', u, p, list, 45 + Math.min(35, list.length * 4), `診療情報を見ずに住所・電話・連絡先・予約の画面だけを${list.length}回閲覧`)));
  },
};
