import { jwsOfFile } from '../../server/src/events/checkpoints';

/** The file formats `npm run verify-consents -- --checkpoints FILE` reads (README, "Signed checkpoints"). */
describe('a file of checkpoints kept elsewhere', () => {
  const a = 'aaa.bbb.ccc';
  const b = 'ddd.eee.fff';

  it("reads the list route's answer and the latest route's", () => {
    expect(jwsOfFile(JSON.stringify({ data: [{ number: 2, jws: a }, { number: 1, jws: b }], meta: {} }))).toEqual([a, b]);
    expect(jwsOfFile(JSON.stringify({ data: { number: 2, jws: a } }))).toEqual([a]);
  });

  it('reads a JSON array of checkpoints or of JWS strings', () => {
    expect(jwsOfFile(JSON.stringify([{ jws: a }, b]))).toEqual([a, b]);
  });

  it('reads JSON lines: bare or quoted JWS, or checkpoint objects, blank lines skipped', () => {
    expect(jwsOfFile(`${a}\n\n"${b}"\r\n${JSON.stringify({ jws: a })}\n`)).toEqual([a, b, a]);
  });

  it('keeps an entry it cannot read as null, so that the report names it', () => {
    expect(jwsOfFile(`${a}\n{not json\n${JSON.stringify({ number: 3 })}`)).toEqual([a, null, null]);
    expect(jwsOfFile('')).toEqual([]);
  });
});
