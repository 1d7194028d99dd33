'use strict';
// An update queue with long polling, shared by MPChat and Fly. A batch a poller receives is
// consumed (the documents say so); `offset` also drops everything before it. A poller that hangs
// up before its answer is written consumes nothing.

class UpdateQueue {
	constructor() {
		this.pending = [];
		this.nextId = UpdateQueue.firstId;
		this.waiters = new Set();
		this.delivered = 0;
		// How many answers pollers got (empty ones too), and the most long polls held open at once:
		// one loop per bot never holds two, so a test sees whether listeners shared one poller.
		this.answers = 0;
		this.peakWaiting = 0;
		// The newest updates pushed, consumed or not, for the chat view (chatView.js).
		this.history = [];
	}

	push(update) {
		const u = { update_id: this.nextId++, ...update };
		this.pending.push(u);
		this.history.push({ at: Date.now(), update: u });
		if (this.history.length > UpdateQueue.historySize) this.history.shift();
		for (const w of [...this.waiters]) w();
		return u;
	}

	/** Waits up to timeoutSec for updates at or after offset; filter drops unwanted types. */
	take({ offset = 0, limit = 100, timeoutSec = 0, filter = () => true, res }) {
		return new Promise((resolve) => {
			let timer = null;
			const tryTake = () => {
				// Compared as BigInt: update IDs (and offsets) may lie beyond 2^53.
				if (BigInt(offset) > 0n)
					this.pending = this.pending.filter((u) => BigInt(u.update_id) >= BigInt(offset));
				// Unwanted types are dropped, as the real long poll skips them.
				this.pending = this.pending.filter((u) => filter(u));
				if (this.pending.length === 0) return false;
				finish();
				return true;
			};
			const finish = () => {
				clearTimeout(timer);
				this.waiters.delete(waiter);
				res.off('close', onClose);
				if (res.destroyed || res.writableEnded) return resolve(null);
				const batch = this.pending.slice(0, limit);
				this.pending = this.pending.slice(batch.length);
				this.delivered += batch.length;
				this.answers++;
				resolve(batch);
			};
			const waiter = () => tryTake();
			const onClose = () => {
				clearTimeout(timer);
				this.waiters.delete(waiter);
				resolve(null);
			};
			if (tryTake()) return;
			if (!timeoutSec) return finish();
			this.waiters.add(waiter);
			this.peakWaiting = Math.max(this.peakWaiting, this.waiters.size);
			res.on('close', onClose);
			timer = setTimeout(finish, timeoutSec * 1000);
		});
	}

	get waiting() {
		return this.waiters.size;
	}
}

// A real platform never reuses an update_id. The demo restarts the simulator while n8n keeps its
// trigger offsets, so it starts IDs from the clock instead of 1 (tests keep 1). A test may set a
// queue's nextId to a BigInt to get update IDs beyond 2^53 (written as exact JSON numbers).
UpdateQueue.firstId = 1;
UpdateQueue.historySize = 1000;

module.exports = { UpdateQueue };
