/**
 * A synthetic Japanese hospital in the EHR audit input format, with injected misuse written to
 * labels (for `mamori ehr generate` and bench/ehr-eval). Normal work is care-driven: doctors open
 * their inpatients and the day's outpatients of their department, nurses the patients of the ward
 * they are on shift in (a few hundred events per clinician per shift), pharmacists verify prescriptions, technicians follow test orders, clerks
 * handle the day's visits. Staff are also patients, and their families share insurance numbers
 * and addresses. A little legitimate but unexplainable work (informal consults) is mixed in, so
 * the precision the evaluation reports is not flattered. All people are invented.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { csvLine } from '../../core/csv.js';
import { isoJst } from '../../core/jst.js';
import { intIn, mulberry32, pickFrom, type Rng } from '../../core/seeded-random.js';

export interface EhrGeneratorOptions {
  staff: number;
  patients: number;
  days: number;
  seed: number;
  /** First day (JST, YYYY-MM-DD). */
  start?: string;
}

export interface MisuseLabel {
  scenario: string;
  user_id: string;
  patient_id: string | null;
  event_ids: string[];
  first_at: string;
}

const SURNAMES: ReadonlyArray<[string, string]> = [
  ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'], ['渡辺', 'ワタナベ'], ['山本', 'ヤマモト'], ['中村', 'ナカムラ'], ['小林', 'コバヤシ'], ['加藤', 'カトウ'],
  ['吉田', 'ヨシダ'], ['山田', 'ヤマダ'], ['佐々木', 'ササキ'], ['山口', 'ヤマグチ'], ['松本', 'マツモト'], ['井上', 'イノウエ'], ['木村', 'キムラ'], ['林', 'ハヤシ'], ['斎藤', 'サイトウ'], ['清水', 'シミズ'],
  ['森', 'モリ'], ['池田', 'イケダ'], ['橋本', 'ハシモト'], ['阿部', 'アベ'], ['石川', 'イシカワ'], ['前田', 'マエダ'], ['藤田', 'フジタ'], ['小川', 'オガワ'], ['岡田', 'オカダ'], ['後藤', 'ゴトウ'],
];
const GIVEN: ReadonlyArray<[string, string]> = [
  ['太郎', 'タロウ'], ['一郎', 'イチロウ'], ['健太', 'ケンタ'], ['翔太', 'ショウタ'], ['大輔', 'ダイスケ'], ['誠', 'マコト'], ['浩', 'ヒロシ'], ['隆', 'タカシ'], ['花子', 'ハナコ'], ['美咲', 'ミサキ'],
  ['陽子', 'ヨウコ'], ['恵子', 'ケイコ'], ['由美', 'ユミ'], ['裕子', 'ユウコ'], ['直子', 'ナオコ'], ['さくら', 'サクラ'], ['葵', 'アオイ'], ['結衣', 'ユイ'], ['蓮', 'レン'], ['湊', 'ミナト'],
];
const DEPTS = ['内科', '外科', '小児科', '整形外科', '精神科', '循環器内科'] as const;
const WARDS: Readonly<Record<(typeof DEPTS)[number], string>> = { 内科: '3東', 外科: '3西', 小児科: '4東', 整形外科: '4西', 精神科: '5東', 循環器内科: '5西' };
const TOWNS = ['架空町', '見本町', '模擬町', '試験町', '例示町', '仮名町'];

interface StaffRec {
  userId: string;
  name: string;
  kana: string;
  birth: string;
  sex: string;
  dept: string;
  job: string;
  address: string;
  phone: string;
  insurance: string;
  leftOn: string;
  ward: string;
}

interface PatientRec {
  id: string;
  name: string;
  kana: string;
  birth: string;
  sex: string;
  address: string;
  phone: string;
  insurance: string;
  branch: string;
  deceasedOn: string;
  restricted: boolean;
}

interface Ev {
  id: string;
  at: number;
  user: string;
  patient: string;
  action: string;
  screen: string;
  terminal: string;
  session: string;
  object: string;
  via: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export class EhrGenerator {
  readonly #r: Rng;
  readonly #o: Required<EhrGeneratorOptions>;
  readonly #t0: number;
  #evSeq = 0;
  #sessSeq = 0;
  #orderSeq = 0;
  readonly staff: StaffRec[] = [];
  readonly patients: PatientRec[] = [];
  readonly contacts: string[][] = [];
  readonly encounters: string[][] = [];
  readonly careTeam: string[][] = [];
  readonly appointments: string[][] = [];
  readonly orders: string[][] = [];
  readonly shifts: string[][] = [];
  readonly terminals: string[][] = [];
  readonly events: Ev[] = [];
  readonly labels: MisuseLabel[] = [];

  constructor(opts: EhrGeneratorOptions) {
    this.#o = { start: '2026-10-01', ...opts };
    this.#r = mulberry32(opts.seed);
    this.#t0 = Date.parse(`${this.#o.start}T00:00:00+09:00`);
  }

  #iso(t: number): string {
    return isoJst(t);
  }

  #date(t: number): string {
    return new Date(t + 9 * HOUR).toISOString().slice(0, 10);
  }

  #person(): { name: string; kana: string; birth: string; sex: string; address: string; phone: string; insurance: string } {
    const [fam, famKana] = pickFrom(this.#r, SURNAMES);
    const [giv, givKana] = pickFrom(this.#r, GIVEN);
    return {
      name: `${fam} ${giv}`,
      kana: `${famKana} ${givKana}`,
      birth: `${intIn(this.#r, 1935, 2015)}-${String(intIn(this.#r, 1, 12)).padStart(2, '0')}-${String(intIn(this.#r, 1, 28)).padStart(2, '0')}`,
      sex: this.#r() < 0.5 ? 'M' : 'F',
      address: `東京都架空市${pickFrom(this.#r, TOWNS)}${intIn(this.#r, 1, 5)}丁目${intIn(this.#r, 1, 30)}番${intIn(this.#r, 1, 20)}号`,
      phone: `090-${intIn(this.#r, 1000, 9999)}-${intIn(this.#r, 1000, 9999)}`,
      insurance: `${intIn(this.#r, 10000000, 99999999)}-${intIn(this.#r, 100, 999)}-${intIn(this.#r, 1000, 99999)}`,
    };
  }

  #event(at: number, user: string, patient: string, action: string, screen: string, terminal: string, session: string, object = '', via = ''): Ev {
    this.#evSeq += 1;
    const e: Ev = { id: `E${String(this.#evSeq).padStart(9, '0')}`, at, user, patient, action, screen, terminal, session, object, via };
    this.events.push(e);
    return e;
  }

  #session(): string {
    this.#sessSeq += 1;
    return `S${this.#sessSeq}`;
  }

  #order(patient: string, user: string, enc: string, kind: string, item: string, controlled: boolean, at: number, deletedAt: number | null = null): string {
    this.#orderSeq += 1;
    const id = `O${this.#orderSeq}`;
    this.orders.push([id, patient, user, enc, kind, item, controlled ? '1' : '0', this.#iso(at), deletedAt ? this.#iso(deletedAt) : '']);
    return id;
  }

  #label(scenario: string, user: string, patient: string | null, evs: readonly Ev[]): void {
    const first = evs.reduce((m, e) => Math.min(m, e.at), Number.POSITIVE_INFINITY);
    this.labels.push({ scenario, user_id: user, patient_id: patient, event_ids: evs.map((e) => e.id), first_at: this.#iso(first) });
  }

  generate(): this {
    const { days } = this.#o;
    // Terminals: a few per ward plus outpatient desks, pharmacy, lab.
    const termsByWard = new Map<string, string[]>();
    let tn = 0;
    for (const dept of DEPTS) {
      const ward = WARDS[dept];
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        tn += 1;
        ids.push(`T${tn}`);
        this.terminals.push([`T${tn}`, `${ward}病棟ナースステーション`, ward]);
      }
      termsByWard.set(ward, ids);
      tn += 1;
      this.terminals.push([`T${tn}`, `${dept}外来診察室`, '']);
      termsByWard.set(dept, [`T${tn}`]);
    }
    for (const [loc, key] of [['薬剤部', 'pharmacy'], ['検査部', 'lab'], ['医事課受付', 'clerk']] as const) {
      tn += 1;
      this.terminals.push([`T${tn}`, loc, '']);
      termsByWard.set(key, [`T${tn}`]);
    }
    const term = (key: string) => pickFrom(this.#r, termsByWard.get(key) ?? ['T1']);

    // Staff.
    const jobs: Array<[string, number]> = [['doctor', 0.16], ['dentist', 0.02], ['nurse', 0.5], ['pharmacist', 0.05], ['technician', 0.08], ['therapist', 0.04], ['clerk', 0.13], ['vendor', 0.02]];
    for (let i = 0; i < this.#o.staff; i += 1) {
      let x = this.#r();
      let job = 'other';
      for (const [j, share] of jobs) {
        if (x < share) {
          job = j;
          break;
        }
        x -= share;
      }
      const dept = job === 'dentist' ? '歯科口腔外科' : pickFrom(this.#r, DEPTS);
      const p = this.#person();
      this.staff.push({ userId: `U${String(i + 1).padStart(4, '0')}`, name: p.name, kana: p.kana, birth: p.birth.replace(/^(19[3-5]\d|20[01]\d)/, () => String(intIn(this.#r, 1960, 2000))), sex: p.sex, dept: job === 'pharmacist' ? '薬剤部' : job === 'clerk' ? '医事課' : job === 'technician' ? '検査部' : dept, job, address: p.address, phone: p.phone, insurance: p.insurance, leftOn: '', ward: job === 'nurse' ? WARDS[dept as (typeof DEPTS)[number]] : '' });
    }
    const byJob = (j: string) => this.staff.filter((s) => s.job === j);
    const doctors = byJob('doctor');
    const nurses = byJob('nurse');
    if (doctors.length < 2 || nurses.length < 4) throw new Error('need at least 2 doctors and 4 nurses: raise --staff');

    // Patients: the public, staff themselves (15 %) and staff families sharing insurance and address.
    const addPatient = (p: Omit<PatientRec, 'id' | 'branch' | 'deceasedOn' | 'restricted'> & Partial<PatientRec>): PatientRec => {
      const rec: PatientRec = { id: String(100000 + this.patients.length), branch: String(intIn(this.#r, 0, 5)).padStart(2, '0'), deceasedOn: '', restricted: false, ...p };
      this.patients.push(rec);
      return rec;
    };
    const staffAsPatient = new Map<string, PatientRec>();
    const familyOf = new Map<string, PatientRec[]>();
    for (const s of this.staff) {
      if (this.#r() < 0.15) staffAsPatient.set(s.userId, addPatient({ name: s.name, kana: s.kana, birth: s.birth, sex: s.sex, address: s.address, phone: s.phone, insurance: s.insurance, branch: '00' }));
      if (this.#r() < 0.2) {
        const fam = this.#person();
        const [family] = s.name.split(' ');
        const [familyKana] = s.kana.split(' ');
        const f = addPatient({ ...fam, name: `${family ?? ''} ${fam.name.split(' ')[1] ?? ''}`, kana: `${familyKana ?? ''} ${fam.kana.split(' ')[1] ?? ''}`, address: s.address, insurance: s.insurance, branch: '01' });
        familyOf.set(s.userId, [f]);
        if (this.#r() < 0.3) this.contacts.push([f.id, s.name, s.kana, '家族', s.phone, s.address]);
      }
    }
    while (this.patients.length < this.#o.patients) addPatient(this.#person());
    const publicPatients = this.patients.filter((p) => ![...staffAsPatient.values()].includes(p) && ![...familyOf.values()].flat().includes(p));

    // Encounters, care team, orders for normal care.
    let encSeq = 0;
    const inpatients: Array<{ p: PatientRec; enc: string; dept: (typeof DEPTS)[number]; ward: string; start: number; end: number | null; doctor: StaffRec }> = [];
    const outpatientsByDay: Array<Array<{ p: PatientRec; enc: string; dept: (typeof DEPTS)[number]; at: number; doctor: StaffRec }>> = Array.from({ length: days }, () => []);
    const end = this.#t0 + days * DAY;
    const admitCount = Math.max(10, Math.round(this.#o.patients * 0.06));
    for (let i = 0; i < admitCount; i += 1) {
      const p = pickFrom(this.#r, publicPatients);
      const dept = pickFrom(this.#r, DEPTS);
      const deptDoctors = doctors.filter((d) => d.dept === dept);
      const doctor = deptDoctors.length ? pickFrom(this.#r, deptDoctors) : pickFrom(this.#r, doctors);
      const start = this.#t0 + intIn(this.#r, -10, days - 2) * DAY + intIn(this.#r, 9, 16) * HOUR;
      const stay = intIn(this.#r, 3, 20) * DAY;
      const stop = start + stay < end ? start + stay : null;
      encSeq += 1;
      const enc = `N${encSeq}`;
      const ward = WARDS[dept];
      this.encounters.push([enc, p.id, 'inpatient', dept, ward, this.#iso(start), stop ? this.#iso(stop) : '', doctor.userId]);
      this.careTeam.push([p.id, doctor.userId, '主治医', this.#iso(start), stop ? this.#iso(stop) : '']);
      inpatients.push({ p, enc, dept, ward, start, end: stop, doctor });
      const rxAt = Math.max(start, this.#t0) + 2 * HOUR;
      if (rxAt < end) this.#order(p.id, doctor.userId, enc, 'prescription', '内服薬', false, rxAt);
    }
    for (let d = 0; d < days; d += 1) {
      const n = Math.max(5, Math.round(this.#o.patients * 0.01));
      for (let i = 0; i < n; i += 1) {
        const p = pickFrom(this.#r, publicPatients);
        const dept = pickFrom(this.#r, DEPTS);
        const deptDoctors = doctors.filter((x) => x.dept === dept);
        const doctor = deptDoctors.length ? pickFrom(this.#r, deptDoctors) : pickFrom(this.#r, doctors);
        const at = this.#t0 + d * DAY + intIn(this.#r, 9, 15) * HOUR + intIn(this.#r, 0, 59) * 60_000;
        encSeq += 1;
        const enc = `A${encSeq}`;
        this.encounters.push([enc, p.id, 'outpatient', dept, '', this.#iso(at), this.#iso(at + HOUR), doctor.userId]);
        outpatientsByDay[d]?.push({ p, enc, dept, at, doctor });
        if (this.#r() < 0.5) this.#order(p.id, doctor.userId, enc, this.#r() < 0.6 ? 'prescription' : 'lab', this.#r() < 0.5 ? '血液検査' : '内服薬', this.#r() < 0.05, at + 20 * 60_000);
        if (this.#r() < 0.3) this.appointments.push([`P${encSeq}`, p.id, dept, doctor.userId, this.#iso(at + intIn(this.#r, 7, 28) * DAY)]);
      }
    }

    // Normal daily work.
    for (let d = 0; d < days; d += 1) {
      const day0 = this.#t0 + d * DAY;
      for (const doc of doctors) {
        if (this.#r() < 0.15) continue; // day off
        const s0 = day0 + 8 * HOUR + 30 * 60_000;
        this.shifts.push([doc.userId, this.#iso(s0), this.#iso(s0 + 10 * HOUR), '']);
        const sess = this.#session();
        const t = term(doc.dept);
        let at = s0 + 10 * 60_000;
        this.#event(at, doc.userId, '', 'login', 'other', t, sess);
        for (const ip of inpatients) {
          if (ip.doctor !== doc || ip.start > day0 + 18 * HOUR || (ip.end !== null && ip.end < day0)) continue;
          // Rounds and follow-ups: a physician opens each of their inpatients several times a day.
          const visits = intIn(this.#r, 2, 4);
          for (let v = 0; v < visits; v += 1) {
            const when = s0 + intIn(this.#r, 20, 560) * 60_000;
            for (const screen of ['chart', 'notes', 'results', 'orders']) this.#event(when + intIn(this.#r, 0, 5) * 60_000, doc.userId, ip.p.id, 'view', screen, t, sess, '', 'list');
          }
          this.#event((at += 3 * 60_000), doc.userId, ip.p.id, 'create', 'notes', t, sess);
        }
        for (const op of outpatientsByDay[d] ?? []) {
          if (op.dept !== doc.dept) continue;
          const when = Math.max(at, op.at);
          for (const screen of ['chart', 'results', 'orders']) this.#event(when + intIn(this.#r, 1, 20) * 60_000, doc.userId, op.p.id, 'view', screen, t, sess, '', 'list');
        }
        // Informal consult: legitimate but unexplained by the data (the honest false positives).
        if (this.#r() < 0.05) {
          const other = pickFrom(this.#r, inpatients);
          this.#event(s0 + intIn(this.#r, 1, 8) * HOUR, doc.userId, other.p.id, 'view', 'chart', t, sess, '', 'id_search');
        }
        this.#event(s0 + 9 * HOUR + 50 * 60_000, doc.userId, '', 'logout', 'other', t, sess);
      }
      for (const nurse of nurses) {
        if (this.#r() < 0.3) continue;
        const shiftKind = intIn(this.#r, 0, 2);
        const s0 = day0 + ([8.5, 16.5, 24.5][shiftKind] ?? 8.5) * HOUR;
        const s1 = s0 + ([8.75, 8.5, 8.75][shiftKind] ?? 8.75) * HOUR;
        this.shifts.push([nurse.userId, this.#iso(s0), this.#iso(s1), nurse.ward]);
        const sess = this.#session();
        const t = term(nurse.ward);
        this.#event(s0 + 5 * 60_000, nurse.userId, '', 'login', 'other', t, sess);
        const wardPatients = inpatients.filter((ip) => ip.ward === nurse.ward && ip.start < s1 && (ip.end === null || ip.end > s0));
        for (const ip of wardPatients) {
          // Vital signs, medication, notes: several visits per patient per shift, two screens each.
          const visits = intIn(this.#r, 2, 5);
          for (let v = 0; v < visits; v += 1) {
            const when = s0 + intIn(this.#r, 10, Math.floor((s1 - s0) / 60_000) - 20) * 60_000;
            this.#event(when, nurse.userId, ip.p.id, 'view', 'chart', t, sess, '', 'list');
            this.#event(when + 60_000, nurse.userId, ip.p.id, this.#r() < 0.4 ? 'update' : 'view', pickFrom(this.#r, ['notes', 'results', 'orders']), t, sess, '', 'link');
          }
        }
        this.#event(s1 - 10 * 60_000, nurse.userId, '', 'logout', 'other', t, sess);
      }
      const dayOrders = this.orders.filter((o) => {
        const at = Date.parse(o[7] ?? '');
        return at >= day0 && at < day0 + DAY;
      });
      for (const [job, key, kinds] of [['pharmacist', 'pharmacy', ['prescription']], ['technician', 'lab', ['lab', 'imaging']]] as const) {
        const people = byJob(job);
        if (people.length === 0) continue;
        for (const o of dayOrders.filter((x) => (kinds as readonly string[]).includes(x[4] ?? ''))) {
          const who = pickFrom(this.#r, people);
          const at = Date.parse(o[7] ?? '') + intIn(this.#r, 10, 120) * 60_000;
          this.#event(at, who.userId, o[1] ?? '', 'view', job === 'pharmacist' ? 'prescription' : 'orders', term(key), this.#session(), o[0] ?? '', 'list');
        }
      }
      const clerks = byJob('clerk');
      for (const op of outpatientsByDay[d] ?? []) {
        if (clerks.length === 0) break;
        const c = pickFrom(this.#r, clerks);
        this.#event(op.at - 15 * 60_000, c.userId, op.p.id, 'view', pickFrom(this.#r, ['demographics', 'appointment']), term('clerk'), this.#session(), '', 'id_search');
      }
    }

    this.#inject(inpatients, staffAsPatient, familyOf, publicPatients, term);
    return this;
  }

  #inject(
    inpatients: ReadonlyArray<{ p: PatientRec; enc: string; ward: string; start: number; end: number | null; doctor: StaffRec }>,
    staffAsPatient: Map<string, PatientRec>,
    familyOf: Map<string, PatientRec[]>,
    publicPatients: readonly PatientRec[],
    term: (key: string) => string,
  ): void {
    const { days } = this.#o;
    const at = (dayLo = 1, dayHi = days - 1, hLo = 10, hHi = 16) => this.#t0 + intIn(this.#r, dayLo, Math.max(dayLo, dayHi)) * DAY + intIn(this.#r, hLo, hHi) * HOUR + intIn(this.#r, 0, 59) * 60_000;
    const insiders = this.staff.filter((s) => s.job !== 'vendor');
    const someone = () => pickFrom(this.#r, insiders);
    const n = Math.max(1, Math.round(this.#o.staff / 200));

    // 1 curiosity storm on a newsworthy inpatient.
    const vip = pickFrom(this.#r, inpatients);
    vip.p.restricted = this.#r() < 0.5;
    const stormAt = Math.max(vip.start, this.#t0 + DAY);
    for (let i = 0; i < Math.min(25, Math.floor(this.staff.length / 4)); i += 1) {
      const u = someone();
      if (u.ward === vip.ward || u === vip.doctor) continue;
      const e = this.#event(stormAt + intIn(this.#r, 1, 40) * HOUR, u.userId, vip.p.id, 'view', 'chart', term(u.ward || u.dept), this.#session(), '', 'name_search');
      this.#label('curiosity_storm', u.userId, vip.p.id, [e]);
    }
    for (let k = 0; k < n; k += 1) {
      // 2 ex-patient: an old encounter that ended months ago.
      const ex = pickFrom(this.#r, publicPatients);
      this.encounters.push([`X${k}`, ex.id, 'inpatient', '内科', '3東', this.#iso(this.#t0 - 120 * DAY), this.#iso(this.#t0 - 100 * DAY), pickFrom(this.#r, this.staff).userId]);
      const nurse = pickFrom(this.#r, this.staff.filter((s) => s.job === 'nurse'));
      const t1 = at();
      this.#label('ex_patient', nurse.userId, ex.id, [this.#event(t1, nurse.userId, ex.id, 'view', 'chart', term(nurse.ward), this.#session(), '', 'name_search'), this.#event(t1 + 120_000, nurse.userId, ex.id, 'view', 'contact', term(nurse.ward), this.#session())]);

      // 3 coworker's household member.
      const withFamily = [...familyOf.entries()];
      if (withFamily.length) {
        const [colleague, fams] = pickFrom(this.#r, withFamily);
        const snoop = pickFrom(this.#r, this.staff.filter((s) => s.userId !== colleague && s.job !== 'vendor'));
        const f = fams[0];
        if (f) this.#label('coworker_household', snoop.userId, f.id, [this.#event(at(), snoop.userId, f.id, 'view', 'chart', term(snoop.ward || snoop.dept), this.#session(), '', 'name_search'), this.#event(at(), snoop.userId, f.id, 'view', 'notes', term(snoop.ward || snoop.dept), this.#session(), '', 'name_search')]);
      }
      // 4 coworker demographics over weeks (low and slow).
      const coworkers = [...staffAsPatient.entries()];
      if (coworkers.length) {
        const [colleague, rec] = pickFrom(this.#r, coworkers);
        const snoop = pickFrom(this.#r, this.staff.filter((s) => s.userId !== colleague && s.job !== 'vendor'));
        const evs = [0, 1, 2].map((i) => this.#event(at(Math.min(days - 1, 1 + i * 3), Math.min(days - 1, 2 + i * 3)), snoop.userId, rec.id, 'view', i % 2 ? 'contact' : 'demographics', term(snoop.ward || snoop.dept), this.#session(), '', 'name_search'));
        this.#label('coworker_demographics', snoop.userId, rec.id, evs);
      }
      // 5 stalking via appointment and phone screens.
      const target = pickFrom(this.#r, publicPatients);
      const stalker = someone();
      this.#label('stalking_appointments', stalker.userId, target.id, [1, 2, 3, 4].map(() => this.#event(at(), stalker.userId, target.id, 'view', pickFrom(this.#r, ['appointment', 'contact']), term(stalker.ward || stalker.dept), this.#session(), '', 'id_search')));
      // 6 self-access.
      if (coworkers.length) {
        const [self, rec] = pickFrom(this.#r, coworkers);
        const s = this.staff.find((x) => x.userId === self);
        if (s) this.#label('self_access', self, rec.id, [this.#event(at(), self, rec.id, 'view', 'results', term(s.ward || s.dept), this.#session(), '', 'id_search')]);
      }
      // 7 shared doctor ID → controlled prescriptions for the nurse herself.
      const nurseSelf = [...staffAsPatient.entries()].find(([u]) => this.staff.find((s) => s.userId === u)?.job === 'nurse');
      if (nurseSelf) {
        const [nurseId, rec] = nurseSelf;
        const nurseRec = this.staff.find((s) => s.userId === nurseId);
        const doc = pickFrom(this.#r, this.staff.filter((s) => s.job === 'doctor'));
        const t1 = at(1, days - 1, 19, 22);
        const sess = this.#session();
        const o = this.#order(rec.id, doc.userId, '', 'prescription', 'ゾルピデム錠', true, t1 + 60_000);
        const evs = [this.#event(t1, doc.userId, '', 'login', 'other', term(nurseRec?.ward ?? '3東'), sess), this.#event(t1 + 60_000, doc.userId, rec.id, 'create', 'prescription', term(nurseRec?.ward ?? '3東'), sess, o, 'id_search'), this.#event(t1 + 120_000, doc.userId, rec.id, 'print', 'prescription', term(nurseRec?.ward ?? '3東'), sess, o)];
        this.#label('shared_id_self_rx', doc.userId, rec.id, evs);
      }
      // 8 idle session hijack → controlled Rx for the operator → delete (the dentist case).
      const dentistSelf = [...staffAsPatient.entries()].find(([u]) => this.staff.find((s) => s.userId === u)?.job !== 'doctor');
      if (dentistSelf) {
        const [, rec] = dentistSelf;
        const doc = pickFrom(this.#r, this.staff.filter((s) => s.job === 'doctor'));
        const sess = this.#session();
        const t1 = at(1, days - 1, 12, 13);
        const tm = term(doc.dept);
        this.#event(t1, doc.userId, '', 'login', 'other', tm, sess);
        const ip = pickFrom(this.#r, inpatients);
        this.#event(t1 + 60_000, doc.userId, ip.p.id, 'view', 'chart', tm, sess, '', 'list');
        const t2 = t1 + 47 * 60_000;
        const o = this.#order(rec.id, doc.userId, '', 'prescription', 'エチゾラム錠', true, t2 + 60_000, t2 + 40 * 60_000);
        const evs = [this.#event(t2, doc.userId, rec.id, 'search', 'other', tm, sess, '', 'name_search'), this.#event(t2 + 60_000, doc.userId, rec.id, 'create', 'prescription', tm, sess, o, 'name_search'), this.#event(t2 + 3 * 60_000, doc.userId, rec.id, 'print', 'prescription', tm, sess, o), this.#event(t2 + 40 * 60_000, doc.userId, rec.id, 'delete', 'prescription', tm, sess, o)];
        this.#label('idle_session_self_rx_delete', doc.userId, rec.id, evs);
      }
      // 9 prescription without any encounter (controlled, for a VIP outsider).
      const outsider = pickFrom(this.#r, publicPatients);
      const prescriber = pickFrom(this.#r, this.staff.filter((s) => s.job === 'doctor'));
      const t9 = at();
      const o9 = this.#order(outsider.id, prescriber.userId, '', 'prescription', 'モルヒネ塩酸塩', true, t9);
      this.#label('rx_without_encounter', prescriber.userId, outsider.id, [this.#event(t9, prescriber.userId, outsider.id, 'create', 'prescription', term(prescriber.dept), this.#session(), o9, 'id_search')]);
      // 10 terminated account used after leaving.
      const leaver = pickFrom(this.#r, this.staff.filter((s) => s.job === 'nurse' || s.job === 'clerk'));
      leaver.leftOn = this.#date(this.#t0 + Math.floor(days / 3) * DAY);
      const victim = pickFrom(this.#r, publicPatients);
      this.#label('terminated_account', leaver.userId, null, [this.#event(at(Math.floor(days / 2), days - 1, 20, 23), leaver.userId, victim.id, 'view', 'chart', term('clerk'), this.#session(), '', 'name_search')]);
      // 11 bulk sequential export.
      const bulk = someone();
      const sess = this.#session();
      const t11 = at(1, days - 1, 11, 12);
      const evs11: Ev[] = [];
      for (let i = 0; i < 80; i += 1) {
        const p = this.patients[i + 5];
        if (p) evs11.push(this.#event(t11 + i * 30_000, bulk.userId, p.id, 'view', 'demographics', term(bulk.ward || bulk.dept), sess, '', 'id_search'));
      }
      evs11.push(this.#event(t11 + 45 * 60_000, bulk.userId, '', 'export', 'list', term(bulk.ward || bulk.dept), sess));
      this.#label('bulk_export', bulk.userId, null, evs11);
    }
    // Remove the leavers' normal work after their last day (they left; only the misuse remains).
    const leftAt = new Map(this.staff.filter((s) => s.leftOn).map((s) => [s.userId, Date.parse(`${s.leftOn}T23:59:59+09:00`)]));
    const misuse = new Set(this.labels.flatMap((l) => l.event_ids));
    // Compacted in place: splicing one by one is quadratic on a month of millions of events.
    let kept = 0;
    for (const e of this.events) {
      const limit = leftAt.get(e.user);
      if (limit !== undefined && e.at > limit && !misuse.has(e.id)) continue;
      this.events[kept++] = e;
    }
    this.events.length = kept;
    for (let i = this.shifts.length - 1; i >= 0; i -= 1) {
      const limit = leftAt.get(this.shifts[i]?.[0] ?? '');
      if (limit !== undefined && Date.parse(this.shifts[i]?.[1] ?? '') > limit) this.shifts.splice(i, 1);
    }
  }

  /** The folder as file name → CSV text (UTF-8, header row). */
  files(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [name, rows] of this.#tables()) out.set(name, Array.from(rows, (r) => csvLine(r)).join(''));
    return out;
  }

  /**
   * Writes the folder; the access log is streamed in chunks, so a 15-million-event month (over
   * V8's largest string) can be written.
   */
  async writeTo(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    for (const [name, rows] of this.#tables()) {
      const out = createWriteStream(path.join(dir, name));
      let chunk = '';
      for (const r of rows) {
        chunk += csvLine(r);
        if (chunk.length >= 1 << 20) {
          if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
          chunk = '';
        }
      }
      out.write(chunk);
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    }
  }

  /** Each file as header + rows (the access log lazily, in time order). */
  *#tables(): Generator<[string, Iterable<readonly unknown[]>]> {
    const table = (header: readonly string[], rows: Iterable<readonly unknown[]>): Iterable<readonly unknown[]> => ({
      *[Symbol.iterator]() {
        yield header;
        yield* rows;
      },
    });
    yield ['staff.csv', table(['user_id', 'name', 'name_kana', 'birth_date', 'sex', 'department', 'job', 'address', 'phone', 'insurance_no', 'hired_on', 'left_on'], this.staff.map((s) => [s.userId, s.name, s.kana, s.birth, s.sex, s.dept, s.job, s.address, s.phone, s.insurance, '2015-04-01', s.leftOn]))];
    yield ['patients.csv', table(['patient_id', 'name', 'name_kana', 'birth_date', 'sex', 'address', 'phone', 'insurance_no', 'insurance_branch', 'deceased_on', 'restricted'], this.patients.map((p) => [p.id, p.name, p.kana, p.birth, p.sex, p.address, p.phone, p.insurance, p.branch, p.deceasedOn, p.restricted ? '1' : '0']))];
    yield ['contacts.csv', table(['patient_id', 'contact_name', 'contact_kana', 'relation', 'phone', 'address'], this.contacts)];
    yield ['encounters.csv', table(['encounter_id', 'patient_id', 'kind', 'department', 'ward', 'start_at', 'end_at', 'attending_user_id'], this.encounters)];
    yield ['care_team.csv', table(['patient_id', 'user_id', 'role', 'start_at', 'end_at'], this.careTeam)];
    yield ['appointments.csv', table(['appointment_id', 'patient_id', 'department', 'user_id', 'at'], this.appointments)];
    yield ['orders.csv', table(['order_id', 'patient_id', 'user_id', 'encounter_id', 'kind', 'item', 'controlled', 'created_at', 'deleted_at'], this.orders)];
    yield ['shifts.csv', table(['user_id', 'start_at', 'end_at', 'ward'], this.shifts)];
    yield ['terminals.csv', table(['terminal_id', 'location', 'ward'], this.terminals)];
    // Sorted in place: a copy of 15 million events would double the generator's memory.
    this.events.sort((a, b) => a.at - b.at);
    const iso = (t: number): string => this.#iso(t);
    const events = this.events;
    yield [
      'access_log.csv',
      table(['event_id', 'at', 'user_id', 'patient_id', 'action', 'screen', 'terminal_id', 'session_id', 'object_id', 'via'], {
        *[Symbol.iterator]() {
          for (const e of events) yield [e.id, iso(e.at), e.user, e.patient, e.action, e.screen, e.terminal, e.session, e.object, e.via];
        },
      }),
    ];
  }
}
