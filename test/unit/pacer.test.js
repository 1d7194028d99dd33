'use strict';
// The pacer's rate arithmetic on an explicit clock: ceilings, the cut repeated 429s make, one cut
// per burst, and the linear climb back. (Real-time pacing is covered in core-request and the queue e2e.)
const { core } = require('../helpers/packages');
const { currentRate, slowDown, resetPacing, CUT_FACTOR, RECOVERY_PER_SECOND } = require(core('pacer', 'mpChat'));

beforeEach(() => resetPacing());

test('a lane that never met a 429 runs at its ceiling', () => {
	expect(currentRate('a', 29, 5000)).toBe(29);
	expect(currentRate('b', 29 / 2, 5000)).toBe(14.5);
});

test('a lone 429 only holds the lane; a second within 2 s cuts the rate, once per burst, and it climbs back linearly', () => {
	slowDown('a', 29, 1500, 500);
	expect(currentRate('a', 29, 600)).toBe(29);
	slowDown('a', 29, 2000, 1000); // a second 429 soon after: overload
	expect(currentRate('a', 29, 1000)).toBeCloseTo(29 * CUT_FACTOR, 10);
	slowDown('a', 29, 2500, 1500); // same burst: no second cut
	expect(currentRate('a', 29, 1000)).toBeCloseTo(29 * CUT_FACTOR, 10);
	expect(currentRate('a', 29, 2000)).toBeCloseTo(29 * CUT_FACTOR + RECOVERY_PER_SECOND, 10);
	expect(currentRate('a', 29, 60_000)).toBe(29);
	slowDown('a', 29, 62_000, 61_000); // alone again, long after the last: only a hold
	expect(currentRate('a', 29, 61_000)).toBe(29);
	slowDown('a', 29, 62_500, 61_500); // a later burst cuts again, from where the rate is
	expect(currentRate('a', 29, 61_500)).toBeCloseTo(29 * CUT_FACTOR, 10);
});

test('lanes are independent: a 429 on one token does not slow another', () => {
	slowDown('a', 29, 1500, 500);
	slowDown('a', 29, 2000, 1000);
	expect(currentRate('a', 29, 1000)).toBeLessThan(29);
	expect(currentRate('b', 29, 1000)).toBe(29);
});

test('under a 429 every second the rate settles where one cut balances one second of climbing', () => {
	for (let t = 0; t < 60_000; t += 1000) slowDown('a', 29, t + 1000, t);
	// r = CUT * (r + RECOVERY): about 11 requests/s with the constants shipped.
	const settled = (CUT_FACTOR * RECOVERY_PER_SECOND) / (1 - CUT_FACTOR);
	expect(currentRate('a', 29, 59_000)).toBeCloseTo(settled, 2);
	expect(settled).toBeGreaterThan(1);
});
