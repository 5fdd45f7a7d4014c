import { describeSeries, formatMetricValue, lineChart, trendOf } from './line-chart';

const BOX = { width: 100, height: 50, padding: 5 };

describe('lineChart', () => {
  it('should put the first value at the left edge, the last at the right, the largest at the top', () => {
    const chart = lineChart([0, 10, 5], BOX);

    expect(chart.path).toBe('M5 45 L50 5 L95 25');
    expect(chart.last).toEqual({ x: 95, y: 25 });
    expect(chart.min).toBe(0);
    expect(chart.max).toBe(10);
  });

  it('should close the area under the line down to the baseline', () => {
    expect(lineChart([0, 10], BOX).area).toBe('M5 45 L95 5 L95 45 L5 45 Z');
  });

  it('should measure from zero, so that small wobbles on a low line stay small', () => {
    expect(lineChart([0.3, 0.5], BOX).path).toBe('M5 21 L95 5');
    expect(lineChart([3, 3, 3], BOX).path).toBe('M5 5 L50 5 L95 5');
  });

  it('should keep the top at the ceiling, so that percentages read the same on every chart', () => {
    expect(lineChart([0.4, 48], BOX, 100).path).toBe('M5 44.84 L95 25.8');
    expect(lineChart([0, 150], BOX, 100).path).toBe('M5 45 L95 5');
  });

  it('should scale from the lowest value when some are below zero', () => {
    expect(lineChart([-10, 10], BOX).path).toBe('M5 45 L95 5');
  });

  it('should draw an all-zero series across the middle, and a single reading as a level line', () => {
    expect(lineChart([0, 0], BOX).path).toBe('M5 25 L95 25');
    expect(lineChart([7], BOX).path).toBe('M5 5 L95 5');
  });

  it('should draw nothing for no readings, and skip readings that are not numbers', () => {
    expect(lineChart([], BOX)).toEqual({ path: '', area: '', last: undefined, min: 0, max: 0 });
    expect(lineChart([Number.NaN, 1, 2], BOX).path).toBe('M5 25 L95 5');
  });

  it('should round coordinates to two decimal places', () => {
    expect(lineChart([0, 1, 2, 3], { width: 10, height: 10, padding: 0 }).path).toBe(
      'M0 10 L3.33 6.67 L6.67 3.33 L10 0',
    );
  });
});

describe('trendOf', () => {
  it('should tell rising, falling and level series apart, ignoring noise', () => {
    expect(trendOf([0.4, 0.3, 47.5])).toBe('rising');
    expect(trendOf([47.5, 9, 0.4])).toBe('falling');
    expect(trendOf([31, 30, 32, 31.5])).toBe('steady');
    expect(trendOf([5])).toBe('steady');
  });
});

describe('formatMetricValue', () => {
  it('should write percentages with a sign and other units as words', () => {
    expect(formatMetricValue(47.46, 'percent')).toBe('47%');
    expect(formatMetricValue(4.26, 'percent')).toBe('4.3%');
    expect(formatMetricValue(1204, 'messages')).toBe('1,204 messages');
  });
});

describe('describeSeries', () => {
  it('should say in words what the chart shows', () => {
    const points = [0.4, 12, 47.5].map((value, index) => ({ at: `2026-12-02T10:0${index}:00Z`, value }));

    expect(describeSeries('Failed requests on service checkout', points, 'percent')).toBe(
      'Failed requests on service checkout rose from 0.4% to 48% over 3 readings (lowest 0.4%, highest 48%).',
    );
    expect(describeSeries('Queue', [], 'messages')).toBe('Queue: no readings yet.');
  });
});
