'use strict';
// Dates as n8n's editor writes them (no offset: wall time in the workflow's zone), across
// daylight-saving changes, and days the calendar does not have.
const { core } = require('../helpers/packages');
const { instantIn, isCalendarDate, isTimeZone } = require(core('sendAndWait/wallTime', 'mpChat'));

const iso = (value, zone) => instantIn(value, zone)?.toISOString();

test('wall time in a zone, with and without daylight saving', () => {
	expect(iso('2026-12-03T18:00:00', 'Asia/Shanghai')).toBe('2026-12-03T10:00:00.000Z');
	expect(iso('2026-12-03T18:00', 'UTC')).toBe('2026-12-03T18:00:00.000Z');
	expect(iso('2026-07-01 09:30:15.250', 'Europe/Berlin')).toBe('2026-07-01T07:30:15.250Z');
	expect(iso('2026-01-01', 'America/New_York')).toBe('2026-01-01T05:00:00.000Z');
	expect(iso('2026-06-15T12:00:00', 'Asia/Kolkata')).toBe('2026-06-15T06:30:00.000Z');
});

test('around daylight-saving changes: the hour after a change, and a time the clock skipped', () => {
	// New York springs forward at 2026-03-08 02:00 EST (07:00Z).
	expect(iso('2026-03-08T01:30:00', 'America/New_York')).toBe('2026-03-08T06:30:00.000Z');
	expect(iso('2026-03-08T03:30:00', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
	// 02:30 did not happen: the clock time after the jump (03:30 EDT).
	expect(iso('2026-03-08T02:30:00', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
	// Berlin springs forward at 2026-03-29 02:00 CET (01:00Z).
	expect(iso('2026-03-29T02:30:00', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
	expect(iso('2026-03-29T03:30:00', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
	// New York falls back at 2026-11-01 02:00 EDT: 01:30 happens twice, the first one is taken.
	expect(iso('2026-11-01T01:30:00', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
	expect(iso('2026-11-01T03:00:00', 'America/New_York')).toBe('2026-11-01T08:00:00.000Z');
});

test('an offset or Z is obeyed whatever the zone; other forms must name their zone', () => {
	expect(iso('2026-12-03T18:00:00Z', 'Asia/Shanghai')).toBe('2026-12-03T18:00:00.000Z');
	expect(iso('2026-12-03T18:00:00.000+08:00', 'America/New_York')).toBe('2026-12-03T10:00:00.000Z');
	expect(iso('2026-12-03T18:00:00-0530', 'UTC')).toBe('2026-12-03T23:30:00.000Z');
	expect(iso(new Date('2026-12-03T10:00:00Z').toString(), 'Asia/Tokyo')).toBe(
		'2026-12-03T10:00:00.000Z',
	);
	expect(iso('Thu, 03 Dec 2026 10:00:00 GMT', 'Asia/Tokyo')).toBe('2026-12-03T10:00:00.000Z');
	expect(iso('December 3, 2026 10:00', 'UTC')).toBeUndefined();
	expect(iso('1764756000000', 'UTC')).toBeUndefined();
});

test('days and times that do not exist are no date', () => {
	for (const bad of [
		'2024-13-45T10:00:00',
		'2023-02-29T10:00',
		'2026-02-30T10:00:00Z',
		'2026-04-31',
		'2026-12-03T24:00',
		'2026-12-03T10:60',
		'',
		'soon',
	])
		expect([bad, iso(bad, 'UTC')]).toEqual([bad, undefined]);
	expect(isCalendarDate(2024, 2, 29)).toBe(true);
	expect(isCalendarDate(2100, 2, 29)).toBe(false);
	expect(isCalendarDate(2000, 2, 29)).toBe(true);
	expect(isCalendarDate(2026, 12, 31)).toBe(true);
	expect(isCalendarDate(2026, 0, 1)).toBe(false);
});

test('time zones Intl knows', () => {
	for (const zone of ['UTC', 'Asia/Shanghai', 'America/New_York'])
		expect(isTimeZone(zone)).toBe(true);
	for (const zone of ['DEFAULT', 'Mars/Olympus_Mons', ''])
		expect([zone, isTimeZone(zone)]).toEqual([zone, false]);
});
