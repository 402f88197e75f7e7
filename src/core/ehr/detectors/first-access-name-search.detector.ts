import { alertOf, inWindow, perUserPatient, type Detector } from '../detector.js';

/** A9: first-ever access to a patient reached by searching the name, with no explanation. */
export const firstAccessNameSearch: Detector = {
  rule: 'unexplained_name_search',
  needs: [],
  run(input) {
    const seen = new Set<string>();
    const hits: typeof input.ctx.patientEvents = [];
    input.ctx.patientEvents.forEach((e, i) => {
      const k = `${e.userId}|${e.patientId}`;
      const first = !seen.has(k);
      seen.add(k);
      if (first && e.via === 'name_search' && !input.explanations[i] && e.at >= input.from && e.at < input.to) hits.push(e);
    });
    const keys = new Set(hits.map((e) => `${e.userId}|${e.patientId}`));
    const evs = inWindow(input).filter(({ e, explained }) => !explained && keys.has(`${e.userId}|${e.patientId}`)).map(({ e }) => e);
    return perUserPatient(evs, (u, p, list) => alertOf('unexplained_name_search', u, p, list, 40 + Math.min(30, list.length * 4), `初めて閲覧する患者を氏名検索で開き、業務上の理由が見当たらない（${list.length}回）`));
  },
};
