#include "textflag.h"

// func prefetchTuples(ts []Term)
TEXT ·prefetchTuples(SB), NOSPLIT, $0-24
	MOVQ ts_base+0(FP), SI
	MOVQ ts_len+8(FP), CX
	MOVQ $0x00ffffffffffffff, DX
	TESTQ CX, CX
	JZ done
loop:
	MOVQ 0(SI), AX
	MOVQ 8(SI), BX
	ANDQ DX, BX
	SHLQ $4, BX
	PREFETCHT0 (AX)
	PREFETCHT0 -16(AX)(BX*1)
	ADDQ $16, SI
	DECQ CX
	JNZ loop
done:
	RET

// func prefetchPointers(ps []unsafe.Pointer)
TEXT ·prefetchPointers(SB), NOSPLIT, $0-24
	MOVQ ps_base+0(FP), SI
	MOVQ ps_len+8(FP), CX
	TESTQ CX, CX
	JZ pdone
ploop:
	MOVQ 0(SI), AX
	PREFETCHT0 (AX)
	ADDQ $8, SI
	DECQ CX
	JNZ ploop
pdone:
	RET
