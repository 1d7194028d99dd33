/** Compares two secrets without leaking where they differ through timing. */
import { createHash, timingSafeEqual } from 'crypto';

export function secretsEqual(expected: string, given: unknown): boolean {
	if (typeof given !== 'string') return false;
	const a = createHash('sha256').update(expected, 'utf8').digest();
	const b = createHash('sha256').update(given, 'utf8').digest();
	// Hashing first makes the comparison length-independent as well.
	return timingSafeEqual(a, b) && expected === given;
}
