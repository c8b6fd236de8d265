package tabfile

import (
	"os"
	"syscall"
)

// syncFileRangeWrite is SYNC_FILE_RANGE_WRITE: start writing out the dirty
// pages of the range, without waiting.
const syncFileRangeWrite = 2

// startWriteback asks the kernel to start writing the n bytes at off of f
// to disk, so that the fsync at the end of a write finds most of the file
// already there. It is only a hint: errors are left to that fsync.
func startWriteback(f *os.File, off, n int64) {
	rc, err := f.SyscallConn()
	if err != nil {
		return
	}
	_ = rc.Control(func(fd uintptr) {
		_, _, _ = syscall.Syscall6(syscall.SYS_SYNC_FILE_RANGE, fd, uintptr(off), uintptr(n), syncFileRangeWrite, 0, 0)
	})
}
