//go:build !linux

package tm

// offheapMaps says that an offheap.Store maps memory here.
const offheapMaps = false
