package memory_test

func offheapMaps() bool { return true }
