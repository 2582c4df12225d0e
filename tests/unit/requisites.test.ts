import { checkInn, checkOgrn, checkKpp, checkUnp, checkBin, checkRequisites } from '../../server/src/utils/requisites';

describe('registration numbers with check digits', () => {
  it.each(['7707083893', '7736207543', '500100732259'])('accepts the valid INN %s', (v) => expect(checkInn(v)).toBeNull());
  it.each(['7707083894', '500100732258', '500100732269', '770708389', 'abcdefghij', '77070838930'])('refuses the INN %s', (v) =>
    expect(checkInn(v)).not.toBeNull()
  );
  it.each(['1027700132195', '1027700229193', '304500116000157'])('accepts the valid OGRN/OGRNIP %s', (v) =>
    expect(checkOgrn(v)).toBeNull()
  );
  it.each(['1027700132196', '304500116000158', '102770013219', '10277001321955'])('refuses the OGRN/OGRNIP %s', (v) =>
    expect(checkOgrn(v)).not.toBeNull()
  );
  it.each(['773601001', '7736AB001'])('accepts the KPP %s', (v) => expect(checkKpp(v)).toBeNull());
  it.each(['77360100', '7736ab001', '77360100X'])('refuses the KPP %s', (v) => expect(checkKpp(v)).not.toBeNull());
  it.each(['100325912', 'МА1953684', 'MA1953684'])('accepts the valid UNP %s', (v) => expect(checkUnp(v)).toBeNull());
  it.each(['100325913', 'МА1953685', '800325912', 'ZZ1953684', '10032591'])('refuses the UNP %s', (v) => expect(checkUnp(v)).not.toBeNull());
  it.each(['971240001315', '940140000385'])('accepts the valid BIN/IIN %s', (v) => expect(checkBin(v)).toBeNull());
  it.each(['971240001316', '123456789012', '97124000131'])('refuses the BIN/IIN %s', (v) => expect(checkBin(v)).not.toBeNull());

  it('checks only filled fields and names each wrong one', () => {
    expect(checkRequisites({ inn: '7707083893', ogrn: '', kpp: null })).toEqual({});
    expect(checkRequisites({ inn: '7707083894', bin: '971240001316' })).toEqual({
      inn: 'INN check digit does not match',
      bin: 'BIN/IIN check digit does not match',
    });
  });
});
