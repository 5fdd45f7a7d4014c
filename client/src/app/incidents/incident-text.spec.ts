import {
  describeApprovalPolicy,
  describeConfidence,
  describeIncidentStatus,
  describeMetric,
  describeRisk,
  describeScope,
  describeSeverity,
  isActiveIncident,
} from './incident-text';

describe('incident wording', () => {
  it('should name severities in plain English, each with an icon, not by colour alone', () => {
    expect(describeSeverity('sev1')).toMatchObject({ text: 'Critical', icon: 'warning', tone: 'bad' });
    expect(describeSeverity('sev4')).toMatchObject({ text: 'Low', icon: 'info', tone: 'quiet' });
  });

  it('should say what each risk level means for a live system', () => {
    expect(describeRisk('low').text).toBe('Low risk');
    expect(describeRisk('medium').explanation).toBe('Changes a live system in a way that can be undone.');
    expect(describeRisk('high')).toMatchObject({ text: 'High risk', tone: 'bad' });
  });

  it('should say who must approve an action', () => {
    expect(describeApprovalPolicy('auto')).toBe('Runs without approval (it changes nothing)');
    expect(describeApprovalPolicy('require_one')).toBe('Needs one supervisor to approve');
    expect(describeApprovalPolicy('require_two')).toBe('Needs two different supervisors to approve');
  });

  it('should give confidence as a percentage with a word, kept between 0 and 100', () => {
    expect(describeConfidence(0.874)).toEqual({ percent: 87, text: '87% confidence: very likely' });
    expect(describeConfidence(0.5).text).toBe('50% confidence: possible');
    expect(describeConfidence(1.4).percent).toBe(100);
    expect(describeConfidence(-1).text).toBe('0% confidence: unlikely');
  });

  it('should treat resolved and failed incidents as no longer active', () => {
    expect(isActiveIncident('awaiting_approval')).toBe(true);
    expect(isActiveIncident('resolved')).toBe(false);
    expect(isActiveIncident('failed')).toBe(false);
    expect(describeIncidentStatus('verifying').text).toBe('Checking the fix worked');
  });

  it('should name measurements and what they are about in plain English', () => {
    expect(describeMetric('trace.http.request.errors_pct')).toBe('Failed requests');
    expect(describeMetric('custom.widget.spin_rate')).toBe('Widget spin rate');
    expect(describeScope('host:prod-web-03')).toBe('server prod-web-03');
    expect(describeScope('plain')).toBe('plain');
  });
});
