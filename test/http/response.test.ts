import { createHash } from 'node:crypto';
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/dialects.js';
import { createHarness, setupAdmin, signIn, type Harness, type TestClient } from '../support/harness.js';

for (const dialect of testDialects()) {
  describe(`tasks, systems, evidence (${dialect})`, () => {
    let h: Harness;
    let admin: TestClient;
    let caseId = '';
    beforeAll(async () => {
      h = await createHarness(dialect, { MAMORI_EVIDENCE_MAX_BYTES: '100000' });
      await setupAdmin(h);
      admin = (await signIn(h, 'admin1', 'correct horse battery')).client;
      caseId = String((await admin.post('/api/cases', { title: 'r', type: 'ransomware', knownAt: '2026-11-20T00:00:00Z' })).body.id);
    });
    afterAll(async () => {
      await h.close();
    });

    async function upload(bytes: Buffer, filename: string) {
      const res = await h.app.request(`/api/cases/${caseId}/evidence?filename=${encodeURIComponent(filename)}&description=${encodeURIComponent('ランサムノートの画面')}&acquiredBy=${encodeURIComponent('情報システム室')}`, {
        method: 'POST',
        headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf, 'Content-Type': 'application/octet-stream' },
        body: bytes,
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    }

    it('a new ransomware case gets the BCP playbook as tasks, in order, due from knownAt', async () => {
      const tasks = (await admin.get(`/api/cases/${caseId}/tasks`)).body.tasks as Array<{ id: string; key: string; dueAt: string; status: string }>;
      expect(tasks.slice(0, 3).map((t) => t.key)).toEqual(['cut-backup-network', 'cut-external', 'segment']);
      expect(tasks[0]?.dueAt).toBe('2026-11-20T00:30:00.000Z');
      const done = await admin.call('PATCH', `/api/cases/${caseId}/tasks/${tasks[0]?.id}`, { status: 'done' });
      expect(done.body).toMatchObject({ status: 'done', doneBy: 'admin1' });
      expect((await admin.post(`/api/cases/${caseId}/tasks/apply-playbook`)).body).toEqual({ added: 0 });
      const directory = (await admin.get('/api/users/directory')).body.users as Array<{ id: string; displayName: string; role: string }>;
      expect(directory.map((u) => [typeof u.id, u.displayName, u.role])).toEqual([['string', '管理 太郎', 'admin']]);
      const assigned = await admin.call('PATCH', `/api/cases/${caseId}/tasks/${tasks[1]?.id}`, { assigneeId: directory[0]?.id });
      expect(assigned.body.assigneeId).toBe(directory[0]?.id);
      const owner = await admin.call('PATCH', `/api/cases/${caseId}`, { ownerId: null, tags: ['VPN', '第1報済'] });
      expect(owner.body).toMatchObject({ ownerId: null, tags: ['VPN', '第1報済'] });
    });

    it('affected systems with compromise status and containment actions', async () => {
      const sys = await admin.post(`/api/cases/${caseId}/systems`, { name: 'ナースコールシステムサーバー', quantity: 3, status: 'compromised' });
      expect(sys.status).toBe(201);
      await admin.post(`/api/cases/${caseId}/systems`, { name: '医療機器保守用VPN装置', quantity: 1, remoteMaintenance: true });
      const c = await admin.post(`/api/cases/${caseId}/containment`, { systemId: sys.body.id, type: 'ネットワーク遮断', at: '2026-11-20T04:00:00+09:00', note: 'スイッチから切断' });
      expect((c.body.containment as Array<{ type: string; at: string }>)[0]).toMatchObject({ type: 'ネットワーク遮断', at: '2026-11-19T19:00:00.000Z' });
      await admin.call('PATCH', `/api/cases/${caseId}/systems/${String(sys.body.id)}`, { status: 'not_compromised' });
      const changes = (await admin.get(`/api/cases/${caseId}/changes`)).body.changes as Array<{ entity: string; before: unknown; after: unknown }>;
      expect(changes.find((x) => x.entity === 'system')).toMatchObject({ before: 'compromised', after: 'not_compromised' });
    });

    it('evidence is stored write-once by SHA-256; tampering is detected and recorded in custody', async () => {
      const bytes = Buffer.from('%PDF-1.4 fake screenshot of a ransom note\n'.repeat(50));
      const sha = createHash('sha256').update(bytes).digest('hex');
      const up = await upload(bytes, 'ransom-note.png');
      expect(up.status).toBe(201);
      expect(up.body).toMatchObject({ sha256: sha, size: bytes.length, filename: 'ransom-note.png', acquiredBy: '情報システム室' });
      const file = path.join(h.dataDir, 'evidence', sha.slice(0, 2), sha.slice(2, 4), sha);
      expect(statSync(file).mode & 0o777).toBe(0o400);
      // Same bytes again: a second evidence record, one stored file.
      expect((await upload(bytes, 'copy.png')).body.sha256).toBe(sha);
      const id = String(up.body.id);
      expect((await admin.post(`/api/cases/${caseId}/evidence/${id}/verify`)).body).toEqual({ ok: true });
      const dl = await h.app.request(`/api/cases/${caseId}/evidence/${id}/download`, { headers: { Cookie: admin.cookie } });
      expect(createHash('sha256').update(Buffer.from(await dl.arrayBuffer())).digest('hex')).toBe(sha);
      chmodSync(file, 0o600);
      writeFileSync(file, 'altered');
      expect((await admin.post(`/api/cases/${caseId}/evidence/${id}/verify`)).body).toEqual({ ok: false });
      const ev = ((await admin.get(`/api/cases/${caseId}/evidence`)).body.evidence as Array<{ id: string; custody: Array<{ action: string }> }>).find((e) => e.id === id);
      expect(ev?.custody.map((x) => x.action)).toEqual(['registered', 'verified', 'downloaded', 'verification_failed']);
    });

    it('timeline entries link to evidence of the same case only', async () => {
      const ev = ((await admin.get(`/api/cases/${caseId}/evidence`)).body.evidence as Array<{ id: string }>)[0];
      const ok = await admin.post(`/api/cases/${caseId}/timeline`, { date: '2026-11-20', body: '脅迫文を撮影', evidenceIds: [ev?.id] });
      expect(ok.body.evidenceIds).toEqual([ev?.id]);
      const bad = await admin.post(`/api/cases/${caseId}/timeline`, { date: '2026-11-20', body: 'x', evidenceIds: ['not-ours'] });
      expect(bad.status).toBe(400);
    });

    it('an evidence file over the limit is refused and leaves nothing behind', async () => {
      const r = await upload(Buffer.alloc(200_000, 1), 'big.bin');
      expect(r.status).toBe(413);
      expect(r.body.error).toBe('payload_too_large');
      const ev = (await admin.get(`/api/cases/${caseId}/evidence`)).body.evidence as unknown[];
      expect(ev).toHaveLength(2);
    });
  });
}
