import { alertOf, inWindow, perUserPatient, type Detector } from '../detector.js';

/** A8: record of a deceased patient opened without explanation (not by clerks handling paperwork). */
export const deceasedPatient: Detector = {
  rule: 'deceased_patient',
  needs: [],
  run(input) {
    const { ctx } = input;
    const evs = inWindow(input)
      .filter(({ e, explained }) => {
        const d = ctx.patients.get(e.patientId)?.deceasedOn;
        return !explained && d && e.at > Date.parse(`${d}T23:59:59+09:00`) && ctx.staff.get(e.userId)?.job !== 'clerk';
      })
      .map(({ e }) => e);
    return perUserPatient(evs, (u, p, list) => alertOf('deceased_patient', u, p, list, 45 + Math.min(25, list.length * 4), `死亡退院後の患者の診療録を業務上の理由なく${list.length}回閲覧`));
  },
};
