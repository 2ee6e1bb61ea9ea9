package dev.fanoutlab.claims;

import java.util.concurrent.locks.LockSupport;

/**
 * Two threads that wake each other in turn: each parks until its turn comes, takes it, hands the
 * turn to the other and unparks it. Every round is two hand-offs, each a park and an unpark.
 */
final class PingPong {

	private volatile int turn;

	private Thread ping;

	private Thread pong;

	private PingPong() {
	}

	static void run(Thread.Builder threads, int rounds) throws InterruptedException {
		PingPong game = new PingPong();
		Thread.Builder unstarted = threads;
		game.pong = unstarted.unstarted(() -> game.play(1, rounds, () -> game.ping));
		game.ping = unstarted.unstarted(() -> game.play(0, rounds, () -> game.pong));
		game.pong.start();
		game.ping.start();
		game.ping.join();
		game.pong.join();
	}

	private void play(int mine, int rounds, java.util.function.Supplier<Thread> other) {
		for (int i = 0; i < rounds; i++) {
			while (this.turn != mine) {
				LockSupport.park(this);
			}
			this.turn = 1 - mine;
			LockSupport.unpark(other.get());
		}
	}

}
