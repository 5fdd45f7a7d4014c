import { classifyRequest } from './request-classifier';

describe('classifyRequest', () => {
  const wizardFor = (request: string): string => {
    const result = classifyRequest(request);
    return result.kind === 'wizard' ? result.wizard : `clarify:${result.candidates.join('|')}`;
  };

  it('should send questions about a change to the impact assessment', () => {
    expect(wizardFor('what happens if we change the NHS number format')).toBe('impact');
    expect(wizardFor('What changes are needed to support the new patient identifier format?')).toBe('impact');
    expect(wizardFor('Which systems are affected if we move to HL7 2.5.1?')).toBe('impact');
  });

  it('should send requests for documentation to Document a system', () => {
    expect(wizardFor('document the lab interface')).toBe('document');
    expect(wizardFor('I need handover notes for the PAS feed')).toBe('document');
  });

  it('should send questions about how something works to Analyse an integration', () => {
    expect(wizardFor('what does the ADT feed do?')).toBe('analyse');
    expect(wizardFor('Analyze the HL7v2 ADT message handling in this integration')).toBe('analyse');
  });

  it('should recognise test plans and gap analyses', () => {
    expect(wizardFor('Generate a test plan for the new discharge notification')).toBe('test-plan');
    expect(wizardFor('what edge cases should we test for lab results')).toBe('test-plan');
    expect(wizardFor('Is anything missing against the Transfer of Care requirements?')).toBe('gap');
  });

  it('should ask which was meant, offering the two best, when a request fits two wizards alike', () => {
    const result = classifyRequest('review the lab interface');
    expect(result.kind).toBe('clarify');
    expect(result.kind === 'clarify' ? [...result.candidates].sort() : []).toEqual(['analyse', 'document']);
  });

  it('should ask when nothing in the request points anywhere', () => {
    const result = classifyRequest('the pharmacy feed please');
    expect(result).toEqual({
      kind: 'clarify',
      question: 'Which of these is closest to what you need?',
      candidates: ['analyse', 'document'],
    });
  });
});
