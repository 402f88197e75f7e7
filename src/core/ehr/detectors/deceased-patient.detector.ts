import { alertOf, perUserPatient, type Detector } from '../detector.js';

/** A8: record of a deceased patient opened without explanation (not by clerks handling paperwork). */
export const deceasedPatient: Detector = {
  rule: 'deceased_patient',
  needs: [],
  run(input) {
    const { ctx } = input;
    const t = ctx.events;
    const evs = [...input.unexplained].filter((i) => {
      const d = ctx.patientOf[t.patient[i] ?? 0]?.deceasedOn;
      return d && (t.at[i] ?? 0) > Date.parse(`${d}T23:59:59+09:00`) && ctx.staffOf[t.user[i] ?? 0]?.job !== 'clerk';
    });
    return perUserPatient(ctx, evs, (u, p, list) => alertOf('deceased_patient', ctx, u, p, list, 45 + Math.min(25, list.length * 4), `死亡退院後の患者の診療録を業務上の理由なく${list.length}回閲覧`));
  },
};
