import { describe, expect, it } from 'vitest';
import { parseSqlDump, parseTuples } from './sql-dump.js';

describe('SQL dump tables', () => {
  it('reads mysqldump INSERTs with the CREATE TABLE column names', () => {
    const sql = [
      '-- MySQL dump',
      'CREATE TABLE `patients` (',
      '  `patient_id` varchar(10) NOT NULL,',
      '  `name` varchar(50) DEFAULT NULL,',
      '  `birthday` date,',
      '  PRIMARY KEY (`patient_id`)',
      ') ENGINE=InnoDB;',
      "INSERT INTO `patients` VALUES ('0001','架空 一郎','1970-03-02'),('0002','O\\'Brien; 花子',NULL);",
      "INSERT INTO `patients` VALUES ('0003','見本 ''桜''','1999-01-01');",
    ].join('\n');
    const { tables, rejected } = parseSqlDump(sql);
    expect(rejected).toBe(0);
    expect(tables).toEqual([
      {
        name: 'patients',
        header: ['patient_id', 'name', 'birthday'],
        rows: [
          ['0001', '架空 一郎', '1970-03-02'],
          ['0002', "O'Brien; 花子", ''],
          ['0003', "見本 '桜'", '1999-01-01'],
        ],
      },
    ]);
  });
  it('reads pg_dump COPY blocks and INSERTs with column lists', () => {
    const sql = ['COPY public.staff (staff_id, name, tel) FROM stdin;', '1\t職員 一郎\t03-0000-0001', '2\t\\N\t03-0000-0002', '\\.', '', "INSERT INTO public.staff (staff_id, name, tel) VALUES (3, '職員 三郎', '03-0000-0003');"].join('\n');
    const { tables } = parseSqlDump(sql);
    expect(tables[0]?.header).toEqual(['staff_id', 'name', 'tel']);
    expect(tables[0]?.rows).toEqual([
      ['1', '職員 一郎', '03-0000-0001'],
      ['2', '', '03-0000-0002'],
      ['3', '職員 三郎', '03-0000-0003'],
    ]);
  });
  it('counts a broken INSERT as rejected instead of failing', () => {
    // An unterminated string swallows the rest of the file: one rejected statement, no crash.
    expect(parseSqlDump("INSERT INTO t (a) VALUES ('unterminated);\nINSERT INTO u (a) VALUES (1);")).toEqual({ tables: [], rejected: 1 });
    // Values without column names anywhere cannot be read as a table.
    expect(parseSqlDump('INSERT INTO u VALUES (1);')).toEqual({ tables: [], rejected: 1 });
    expect(parseTuples("(1,'a'),(2,'b')")).toEqual([
      ['1', 'a'],
      ['2', 'b'],
    ]);
  });
});
