/**
 * Registration numbers (shared/contracts/requisites.ts, the one module the server's company schema and
 * the admin's live check run), on published example numbers. Sources:
 *
 * - [stdnum-inn]   python-stdnum, stdnum/ru/inn.py (module doctest) and tests/test_ru_inn.doctest
 * - [stdnum-ogrn]  python-stdnum, stdnum/ru/ogrn.py (module doctest) and tests/test_ru_ogrn.doctest
 * - [stdnum-unp]   python-stdnum, stdnum/by/unp.py (module doctest) and tests/test_by_unp.doctest
 *                  (github.com/arthurdejong/python-stdnum)
 * - [kaz-person-id] valery1707/kaz-person-id, src/test/java/.../PrivatePersonIdTest.java (IINs from a
 *                  public tax list, serj.ws/salyk) and JuridicalPersonIdTest.java (BINs of Halyk Bank's
 *                  branches, halykbank.kz requisites)
 * - [kz-iin-validator] ZhymabekRoman/kz-iin-validator, README (IIN 061211600012)
 * - [py-kz-validators] tlgtaa/py-kz-validators, README (IIN 791028302728)
 * - [issue-16]     the issue's example of a BIN as people write it, "990 140 004 654"
 *
 * Made-up numbers (a wrong first digit, month 32...) carry a correct check digit, so that only the
 * structure rule can refuse them; each says which rule it breaks.
 */
import {
  checkBin,
  checkInn,
  checkKpp,
  checkNumber,
  checkOgrn,
  checkRequisites,
  checkUnp,
  compactNumber,
} from '../../shared/contracts/requisites';
import { CreateCompany } from '../../shared/contracts/companies';

const ok = (r: unknown) => expect(r).toBeNull();
/** The code and the part of a refusal (the reason is prose). */
const codeOf = (r: { code: string; part?: string } | null) => r && { code: r.code, part: r.part };

describe('RU INN', () => {
  // [stdnum-inn] the module's doctest and the numbers "found online" in tests/test_ru_inn.doctest.
  it.each([
    '123456789047',
    '1234567894',
    '005826107187',
    '0108003670',
    '0273074555',
    '0279111370',
    '0716007984',
    '5190187770',
    '6223002330',
    '6440019934',
    '6672238301',
    '6903022126',
    '6908012650',
    '6911001698',
    '7609000881',
    '7709442668',
    '7716450028',
    '7724051595',
    '7726485118',
    '7727705694',
    '7728127936',
    '7813045547',
    '7825498171',
    '8614008550',
    '8906008726',
    '8906008740',
    '7707083893',
    '500100732259',
  ])('accepts %s', (v) => ok(checkInn(v)));

  it.each([
    ['123456789037', 'requisite-check-digit'], // [stdnum-inn] InvalidChecksum
    ['1234567895', 'requisite-check-digit'], // [stdnum-inn] InvalidChecksum
    ['500100732258', 'requisite-check-digit'],
    ['500100732269', 'requisite-check-digit'],
    ['770708389', 'requisite-format'],
    ['77070838930', 'requisite-format'],
    ['abcdefghij', 'requisite-format'],
  ])('refuses %s (%s)', (v, code) => expect(checkInn(v)).toMatchObject({ code }));
});

describe('RU OGRN and OGRNIP', () => {
  // [stdnum-ogrn] the module's doctest and tests/test_ru_ogrn.doctest's valid list.
  it.each([
    '1022200525819',
    '385768585948949',
    '1022500001325',
    '1022300000502',
    '1022300001811',
    '1022400007508',
    '1022500000566',
    '1022600000092',
    '1027100000311',
    '1027739552642',
    '1027700132195',
    '304500116000157',
  ])('accepts %s', (v) => ok(checkOgrn(v)));

  it.each([
    ['1022500001328', 'requisite-check-digit', undefined], // [stdnum-ogrn] InvalidChecksum
    ['385768585948948', 'requisite-check-digit', undefined], // [stdnum-ogrn] InvalidChecksum
    ['10277395526422', 'requisite-format', undefined], // [stdnum-ogrn] 14 digits: InvalidLength
    ['102250000', 'requisite-format', undefined], // [stdnum-ogrn] too short: InvalidLength
    ['0022500001325', 'requisite-component', 'ogrn-first-digit'], // [stdnum-ogrn] starts with 0: InvalidComponent
    ['985768585948944', 'requisite-component', 'ogrnip-first-digit'], // [stdnum-ogrn] OGRNIP starting with 9
    // Made up, check digit right: an OGRN is the main number of a legal entity, 1 or 5 (2 and 9 start
    // other record numbers of the register); an OGRNIP starts with 3 or 4.
    ['2022500001324', 'requisite-component', 'ogrn-first-digit'],
    ['9022500001328', 'requisite-component', 'ogrn-first-digit'],
    ['285768585948942', 'requisite-component', 'ogrnip-first-digit'],
    ['585768585948943', 'requisite-component', 'ogrnip-first-digit'],
  ])('refuses %s (%s %s)', (v, code, part) => expect(codeOf(checkOgrn(v))).toEqual({ code, part }));

  it('accepts an OGRN starting with 5', () => ok(checkOgrn('5022500001321')));
});

describe('RU KPP', () => {
  it.each(['773601001', '7736AB001'])('accepts %s', (v) => ok(checkKpp(v)));
  it.each(['77360100', '7736ab001', '77360100X'])('refuses %s', (v) => expect(checkKpp(v)).toMatchObject({ code: 'requisite-format' }));
});

describe('BY UNP', () => {
  // [stdnum-unp] the module's doctest and the numbers "found online" in tests/test_by_unp.doctest.
  it.each([
    '200988541',
    'MA1953684',
    '591705582',
    '100217336',
    '100693551',
    '100864035',
    '101288529',
    '101541947',
    '190658169',
    '190960352',
    '191453533',
    '191682495',
    '191767445',
    '191827058',
    '192035780',
    '192345153',
    '192988109',
    '200019773',
    '290380347',
    '400051902',
    '490127567',
    '500037201',
    '690314863',
    '691631805',
    '791022114',
    '100325912',
  ])('accepts %s', (v) => ok(checkUnp(v)));

  it.each([
    ['200988542', 'requisite-check-digit', undefined], // [stdnum-unp] InvalidChecksum
    ['5917DDD82', 'requisite-format', undefined], // [stdnum-unp] letters in wrong places
    ['991705588', 'requisite-component', 'unp-region'], // [stdnum-unp] unknown region
    ['M01953684', 'requisite-component', 'unp-letters'], // [stdnum-unp] a letter first, so the second too
    ['7A1953689', 'requisite-component', 'unp-letters'], // [stdnum-unp] a letter second, so the first too
    ['ZZ1953684', 'requisite-component', 'unp-letters'],
    ['800325912', 'requisite-component', 'unp-region'],
    ['10032591', 'requisite-format', undefined],
  ])('refuses %s (%s %s)', (v, code, part) => expect(codeOf(checkUnp(v))).toEqual({ code, part }));

  it('refuses a number whose check digit would be 10 ([stdnum-unp] 711953681), whatever its last digit', () => {
    for (let last = 0; last <= 9; last++) expect(checkUnp(`71195368${last}`)).toMatchObject({ code: 'requisite-check-digit' });
  });

  it('reads the letter form typed in Cyrillic and after "УНП" or "UNP" ([stdnum-unp])', () => {
    expect(checkNumber('unp', 'УНП MA1953684')).toEqual({ value: 'MA1953684', problem: null });
    expect(checkNumber('unp', 'МА1953684')).toEqual({ value: 'MA1953684', problem: null });
    expect(checkNumber('unp', 'УНП 591705582')).toEqual({ value: '591705582', problem: null });
    expect(checkNumber('unp', 'UNP 591705582')).toEqual({ value: '591705582', problem: null });
    expect(checkNumber('unp', 'ma1953684')).toEqual({ value: 'MA1953684', problem: null });
  });
});

describe('KZ BIN and IIN', () => {
  it.each([
    // [kaz-person-id] IINs: born 1987-10-08 (F), 1976-02-12 (M), 1980-04-16 (M), 1968-05-03 (F), and the
    // century digits 1 and 2: 1880-04-16 (M), 1868-05-03 (F).
    '871008401427',
    '760212350620',
    '800416300257',
    '680503450037',
    '800416100254',
    '680503250034',
    '061211600012', // [kz-iin-validator] born 2006-12-11, female
    '791028302728', // [py-kz-validators]
    // [kaz-person-id] BINs: 1994-01 resident head office, 1995-03, 1996-11 and 2007-09 resident branches.
    '940140000385',
    '950341000052',
    '961141000023',
    '070941024691',
    '990140004654', // [issue-16] typed "990 140 004 654"
    '971240001315',
  ])('accepts %s', (v) => ok(checkBin(v)));

  it.each([
    // Made up, each with a right check digit, so that only the structure refuses it:
    ['873208401420', 'iin-date'], // IIN, month 32
    ['010229500016', 'iin-date'], // IIN, 29 February 2001 (century digit 5: 2001 is no leap year)
    ['871008701426', 'iin-century'], // IIN, 7th digit 7
    ['941340000385', 'bin-month'], // BIN, registered in month 13
    ['940145000382', 'bin-attribute'], // BIN, 6th digit 5
    ['940180000383', 'bin-type'], // 5th digit 8: neither a BIN's type nor an IIN's day of birth
  ])('refuses %s (%s)', (v, part) => expect(checkBin(v)).toEqual({ code: 'requisite-component', part, reason: expect.any(String) }));

  it('accepts 29 February of a leap year, and the century digit 0 when the date exists in one of its centuries', () => {
    ok(checkBin('000229500018')); // 2000-02-29, century digit 5
    ok(checkBin('830717000011')); // 1983-07-17 or 2083-07-17, century digit 0 (kaz-person-id reads it as 1983)
  });

  it.each([
    ['971240001316', 'requisite-check-digit'],
    ['123456789012', 'requisite-component'],
    ['97124000131', 'requisite-format'],
  ])('refuses %s (%s)', (v, code) => expect(checkBin(v)).toMatchObject({ code }));
});

describe('numbers as people write them', () => {
  it.each([
    ['bin', '990 140 004 654', '990140004654'],
    ['bin', 'БИН 990140004654', '990140004654'],
    ['bin', 'ИИН: 871008401427', '871008401427'],
    ['bin', 'IIN 871008401427', '871008401427'],
    ['inn', 'ИНН 7707083893', '7707083893'],
    ['inn', 'INN 7707-083-893', '7707083893'],
    ['inn', '77 07 08 38 93', '7707083893'],
    ['ogrn', 'ОГРН 1027700132195', '1027700132195'],
    ['ogrn', 'ОГРНИП 304500116000157', '304500116000157'],
    ['ogrn', 'OGRN 1 02 77 00 13219 5', '1027700132195'],
    ['kpp', 'КПП 7736 01 001', '773601001'],
    ['unp', ' УНП 591705582 ', '591705582'],
  ] as const)('%s "%s" is %s', (field, typed, compact) => {
    expect(compactNumber(field, typed)).toBe(compact);
    expect(checkNumber(field, typed).problem).toBeNull();
  });

  it('takes off only the number\'s own name: "ИНН" before an OGRN is not removed', () => {
    expect(compactNumber('ogrn', 'ИНН 1027700132195')).toBe('ИНН1027700132195');
    expect(checkNumber('ogrn', 'ИНН 1027700132195').problem).toMatchObject({ code: 'requisite-format' });
  });

  it('checks only filled fields and names each wrong one', () => {
    expect(checkRequisites({ inn: '7707083893', ogrn: '', kpp: null })).toEqual({});
    expect(checkRequisites({ inn: '7707083894', bin: '971240001316', ogrn: '285768585948942' })).toEqual({
      inn: 'INN check digit does not match',
      bin: 'BIN/IIN check digit does not match',
      ogrn: 'OGRN/OGRNIP an OGRNIP starts with 3 or 4',
    });
  });

  it('the company schema stores the compact form and codes the wrong part', () => {
    const parsed = CreateCompany.body.parse({ name: 'Жусан', country: 'KZ', bin: '990 140 004 654' });
    expect(parsed.bin).toBe('990140004654');
    const wrong = CreateCompany.body.safeParse({ name: 'Жусан', country: 'KZ', bin: '873208401420' });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]).toMatchObject({ path: ['bin'], params: { code: 'requisite-component', number: 'bin', part: 'iin-date' } });
    // Spaces only: nothing was typed.
    expect(CreateCompany.body.parse({ name: 'Жусан', country: 'KZ', bin: '   ' }).bin).toBeNull();
  });
});
