// Package pool runs work over n items on a few goroutines and hands the
// results back in item order, with memory bounded whatever n is: the one
// worker pool of l10n's commands over many articles.
package pool

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers returns how many goroutines work on n items: one per processor
// the Go runtime may use (GOMAXPROCS), and no more than there are items.
func Workers(n int) int {
	return max(1, min(n, runtime.GOMAXPROCS(0)))
}

// Ordered runs work(i) for every i in [0, n) on up to Workers(n)
// goroutines and hands each result to emit, in index order, on the
// calling goroutine. At most two results per worker wait for emit, so
// memory stays bounded whatever n is.
//
// Ordered stops at the first error in index order, work's or emit's: the
// error returned is the one a plain loop over i would have returned, and
// no result after it is emitted. Work already started finishes first.
func Ordered[R any](n int, work func(i int) (R, error), emit func(i int, r R) error) error {
	type result struct {
		r   R
		err error
	}
	type job struct {
		i   int
		out chan result
	}
	w := Workers(n)
	// pending holds each started item's result channel in index order;
	// its capacity bounds the results waiting for emit.
	pending := make(chan chan result, 2*w)
	jobs := make(chan job)
	stop := make(chan struct{})
	go func() {
		defer close(pending)
		defer close(jobs)
		for i := 0; i < n; i++ {
			out := make(chan result, 1)
			select {
			case pending <- out:
			case <-stop:
				return
			}
			select {
			case jobs <- job{i, out}:
			case <-stop:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				select {
				case <-stop:
					var zero R
					j.out <- result{zero, errStopped}
					continue
				default:
				}
				r, err := work(j.i)
				j.out <- result{r, err}
			}
		}()
	}
	var err error
	i := 0
	for out := range pending {
		res := <-out
		if res.err == nil {
			res.err = emit(i, res.r)
		}
		if res.err != nil {
			err = res.err
			break
		}
		i++
	}
	if err != nil {
		close(stop)
		// Let the feeder and the workers see stop and return.
		for range pending {
		}
	}
	wg.Wait()
	return err
}

// errStopped is the result of work that Ordered skipped after an error; it
// is never returned.
var errStopped = errors.New("stopped")

// eachBatch is how many items a goroutine of Each takes at a time: enough
// that taking them costs little beside items of a few microseconds (a
// file's stamp), few enough that the goroutines finish together.
const eachBatch = 16

// Each runs work(i) for every i in [0, n) on up to Workers(n) goroutines,
// the calling one among them, and returns when all have run. It is for
// many small items whose results work stores by index (a slice the
// caller made): nothing is handed from goroutine to goroutine per item,
// as Ordered does for each of its results.
func Each(n int, work func(i int)) {
	var next atomic.Int64
	run := func() {
		for {
			lo := int(next.Add(eachBatch)) - eachBatch
			if lo >= n {
				return
			}
			for i := lo; i < min(lo+eachBatch, n); i++ {
				work(i)
			}
		}
	}
	var wg sync.WaitGroup
	for range Workers(n) - 1 {
		wg.Go(run)
	}
	run()
	wg.Wait()
}
