import { roleKeyFromName } from './create-role-dialog.component';

describe(roleKeyFromName.name, () => {
  it('should suggest a key of lower-case letters, digits and hyphens from the name', () => {
    expect(roleKeyFromName('Ward manager (nights)')).toBe('ward-manager-nights');
    expect(roleKeyFromName('2nd-line Support')).toBe('nd-line-support');
  });

  it('should drop accents rather than turn them into hyphens', () => {
    expect(roleKeyFromName('Infirmière référente')).toBe('infirmiere-referente');
  });
});
