/** Counters a live scan shows on a terminal: accounts and regions done, API calls made. */
export class Progress {
  accounts = 0;
  accountsDone = 0;
  regions = 0;
  regionsDone = 0;
  calls = 0;

  call(): void {
    this.calls++;
  }

  line(): string {
    return `trailguard: accounts ${this.accountsDone}/${this.accounts}, regions ${this.regionsDone}/${this.regions}, ${this.calls} API calls`;
  }
}
