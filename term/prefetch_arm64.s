#include "textflag.h"

// func prefetchTuples(ts []Term)
TEXT ·prefetchTuples(SB), NOSPLIT, $0-24
	MOVD ts_base+0(FP), R0
	MOVD ts_len+8(FP), R1
	CBZ R1, done
loop:
	MOVD 0(R0), R2
	MOVD 8(R0), R3
	AND $0x00ffffffffffffff, R3, R3
	LSL $4, R3, R3
	ADD R2, R3, R3
	SUB $16, R3, R3
	PRFM (R2), PLDL1KEEP
	PRFM (R3), PLDL1KEEP
	ADD $16, R0, R0
	SUB $1, R1, R1
	CBNZ R1, loop
done:
	RET

// func prefetchPointers(ps []unsafe.Pointer)
TEXT ·prefetchPointers(SB), NOSPLIT, $0-24
	MOVD ps_base+0(FP), R0
	MOVD ps_len+8(FP), R1
	CBZ R1, pdone
ploop:
	MOVD 0(R0), R2
	PRFM (R2), PLDL1KEEP
	ADD $8, R0, R0
	SUB $1, R1, R1
	CBNZ R1, ploop
pdone:
	RET
