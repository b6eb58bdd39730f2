// Package gcpace paces the garbage collector of a short-lived command.
//
// l10n's commands allocate much and keep little: check allocates about a
// gigabyte on a thousand articles while its live heap stays at a few
// megabytes, and the runtime's default pacing (a collection whenever the
// heap has doubled since the last one, with a floor of 4 MB) then runs
// hundreds of collections. Start raises that floor: the GOGC pacing is
// turned off and the runtime's memory limit set to the floor, so a
// collection comes only when the runtime's memory reaches it. The limit counts all of the
// runtime's memory (some 10 MB beyond the heap for a command of l10n), so
// the heap's goal under it is about 20 MB; once half of that goal is
// live, doubling gives the heap as much room before the next collection
// as the limit does, and soon more. So as soon as a collection finds
// more than half the goal live, Start's pacing gives way to the default
// one (the doubling, no limit), and a command that keeps much
// (extract's translation memory) is paced as it was and never held to
// the limit. (Giving way sooner, at a quarter of the floor, made the
// heap's goal drop at that moment, to twice what was live, and then
// grow with it: build and status on 10,000 articles took 10–15 MB more
// than on 1,000 for a live heap of 8–13 MB.)
//
// A command about to make a large structure that it keeps (extract's
// translation memory read from its cache) tells the pacing so (Reserve):
// the limit rises by the structure's size, and making it starts no
// collection, which would find it all live.
//
// In a container (a cgroup with a memory limit: a Kubernetes pod's
// limits, docker run --memory), the runtime's memory is held under 90%
// of that limit throughout (containerCeiling): once the pacing has given
// way, the collector works harder as the heap nears it instead of letting
// the doubling take the process past it, where the kernel would kill it —
// extract on ten thousand articles keeps some 760 MB live and peaked at
// 2.1 GB, so a container of 1.3 GB killed it.
//
// A command that often finds nothing to do (extract, check, build and
// status, whose records say what is as they left it) starts with a lower
// floor, Idle, and raises it to Floor as soon as it finds work (Busy: the
// records tell it, when a command has none or puts its first new one).
// Such a run allocates some 8–14 KB an article and keeps a few hundred
// bytes: under Floor, a run over 1,000 articles ends before its first
// collection while one over 10,000 fills the floor's 20 MB of heap;
// under Idle the second peaks 7–10 MB lower, for one collection more in
// a build over 1,000. A run with work pays Idle's collections only until
// its first piece of work.
//
// A user's GOGC or GOMEMLIMIT in the environment wins: Start then does
// nothing.
package gcpace

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"

	"github.com/KimMachineGun/automemlimit/memlimit"
)

// Floor is the memory limit a command runs with through Start while
// little of its heap is live: 32 MiB.
const Floor = 32 << 20

// Idle is the floor a command that may find nothing to do runs with
// until it finds work (StartIdle, Busy): 20 MiB, a heap's goal of some
// 11 MB, about what such a run over 1,000 articles allocates (check and
// extract less, build a little more). 16 MiB gave as much at 10,000
// articles, where the live heap of check and build is 4–6 MB, and 24 MiB
// some 3 MB less. 16 MiB, held until three quarters of its goal is live
// or to the end, brings those peaks within 1.01–1.28× of a run over
// 1,000 articles, which then collects once where it did not, and the
// scavenger gives back huge pages that the heap faults in again: 6–22 ms
// more for extract, check and build together, what "nothing changed"
// has to spare (README, Performance: Flat against fast).
const Idle = 20 << 20

// defaultPercent is GOGC's default.
const defaultPercent = 100

// pacing is the state of one Start: whether it has given way, and what
// Reserve added to its limit.
type pacing struct {
	floor    int64
	busy     int64       // the floor once Busy is called (StartIdle's)
	idle     atomic.Bool // the floor is StartIdle's idle one
	ceiling  int64       // the most the limit may be (containerCeiling)
	yielded  atomic.Bool
	heap     []metrics.Sample // the live heap and the heap's goal, read after a collection
	mu       sync.Mutex       // held while the limit changes
	reserved int64
	stopped  atomic.Bool // stop was called: the sentinel's collection does nothing
}

// current is the pacing of the command (Start's), nil without one.
var current atomic.Pointer[pacing]

// Start paces the collector with the given floor (Floor for a command)
// unless GOGC or GOMEMLIMIT is set. It returns whether it did.
func Start(floor int64) bool { return StartIdle(floor, floor) }

// StartIdle paces the collector as Start does, with a floor of idle until
// the command calls Busy, and of floor from then on.
func StartIdle(idle, floor int64) bool {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return false
	}
	current.Store(startIdle(idle, floor, ceiling()))
	return true
}

// Busy tells the pacing that the command has work to do: StartIdle's
// floor rises to the one the command works with. If the pacing gave way
// under the idle floor with little live (less than a quarter of the
// working floor), it takes the limit's pacing up again. It is cheap to
// call any number of times, and does nothing without StartIdle.
func Busy() {
	if p := current.Load(); p != nil && p.idle.Load() {
		p.wake()
	}
}

// wake raises the floor to the working one (Busy).
func (p *pacing) wake() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.idle.Load() {
		return
	}
	p.idle.Store(false)
	p.floor = min(p.busy, p.ceiling)
	if p.yielded.Load() {
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(live)
		if live := live[0].Value; live.Kind() != metrics.KindUint64 || 4*live.Uint64() >= uint64(p.floor) {
			return
		}
		debug.SetGCPercent(-1)
		p.yielded.Store(false)
		p.arm()
	}
	debug.SetMemoryLimit(min(p.floor+p.reserved, p.ceiling))
}

// Limited reports whether the process runs under a container's memory
// limit (its cgroup's, v1 or v2). Memory that the kernel cannot write
// out to a file, as the heap's, is then what the limit squeezes the
// rest for: offheap's MakeFilled keeps to the file's memory under one.
func Limited() bool { return ceiling() != math.MaxInt64 }

// ceiling is containerCeiling, read once.
var ceiling = sync.OnceValue(containerCeiling)

// ceilingRatio is the share of a container's memory limit that the
// runtime's memory may take: the rest is for what the runtime does not
// count (mapped records, the kernel's buffers of the process).
const ceilingRatio = 0.9

// containerCeiling returns the most the runtime's memory limit is set
// to: 90% of the memory limit of the process's cgroup (v1 or v2, read by
// automemlimit), math.MaxInt64 when it has none or it cannot be read.
func containerCeiling() int64 {
	n, err := memlimit.FromCgroup()
	if err != nil || n == 0 || n >= math.MaxInt64/2 {
		return math.MaxInt64
	}
	return int64(float64(n) * ceilingRatio)
}

// Reserve tells the pacing that the command is about to allocate some n
// bytes that it keeps: while Start's limit holds, the limit rises by n,
// so that allocating them starts no collection. Once the pacing has
// given way to the default one, whose goal grows with the live heap, or
// without Start, it does nothing.
func Reserve(n int64) {
	if p := current.Load(); p != nil {
		p.reserve(n)
	}
}

// reserve raises the limit by n unless the pacing has given way.
func (p *pacing) reserve(n int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n <= 0 || p.yielded.Load() {
		return
	}
	p.reserved += n
	debug.SetMemoryLimit(min(p.floor+p.reserved, p.ceiling))
}

// start paces the collector with a limit of floor, and never above
// ceiling; it returns the pacing, for tests.
func start(floor, ceiling int64) *pacing { return startIdle(floor, floor, ceiling) }

// startIdle paces the collector with a limit of idle until Busy, floor
// after, never above ceiling; it returns the pacing, for tests.
func startIdle(idle, floor, ceiling int64) *pacing {
	p := &pacing{floor: min(idle, ceiling), busy: floor, ceiling: ceiling, heap: []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/heap/goal:bytes"}}}
	p.idle.Store(idle < floor)
	debug.SetMemoryLimit(p.floor)
	debug.SetGCPercent(-1)
	p.arm()
	return p
}

// arm sets a sentinel whose finalizer runs after the next collection.
// It is 16 bytes: smaller objects without pointers share blocks of the
// tiny allocator, and their finalizers may never run.
func (p *pacing) arm() {
	s := new([16]byte)
	runtime.SetFinalizer(s, func(*[16]byte) { p.collected() })
}

// collected runs after a collection: it gives way to the default pacing
// (under the ceiling) once the live heap is above half the heap's goal
// under the limit (see giveWay), and waits for the next collection
// otherwise.
func (p *pacing) collected() {
	if p.stopped.Load() {
		return
	}
	idle := p.idle.Load()
	metrics.Read(p.heap)
	if giveWay(p.heap[0].Value, p.heap[1].Value) {
		p.mu.Lock()
		defer p.mu.Unlock()
		if idle && !p.idle.Load() {
			// Busy raised the floor since: the goal read was the idle
			// one's; the next collection weighs the new one.
			p.arm()
			return
		}
		debug.SetGCPercent(defaultPercent)
		debug.SetMemoryLimit(p.ceiling)
		p.yielded.Store(true)
		return
	}
	p.arm()
}

// stop ends the pacing p: the collection its sentinel waits for does
// nothing, and it sets no sentinel again (for tests, which start many).
func (p *pacing) stop() { p.stopped.Store(true) }

// giveWay reports whether a collection that found live bytes live, with
// the heap's goal for the next one goal (both runtime/metrics values),
// should end the limit's pacing: doubling what is live gives the heap
// at least as much room as the limit does. A runtime without the
// metrics gives way.
func giveWay(live, goal metrics.Value) bool {
	if live.Kind() != metrics.KindUint64 || goal.Kind() != metrics.KindUint64 {
		return true
	}
	return 2*live.Uint64() > goal.Uint64()
}
