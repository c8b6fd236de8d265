package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// Machine is what the figures ran on.
type Machine struct {
	CPUs     int    `json:"cpus"`
	CPUModel string `json:"cpu_model"`
	OS       string `json:"os"`
	Go       string `json:"go"`
	OTP      string `json:"otp,omitempty"`
}

func (m Machine) String() string {
	otp := "no OTP"
	if m.OTP != "" {
		otp = "OTP " + m.OTP
	}
	return fmt.Sprintf("%d CPUs (%s), %s, %s, %s", m.CPUs, m.CPUModel, m.OS, m.Go, otp)
}

// thisMachine describes the machine running the benchmark.
func thisMachine() Machine {
	return Machine{CPUs: runtime.NumCPU(), CPUModel: cpuModel(), OS: runtime.GOOS + "/" + runtime.GOARCH,
		Go: runtime.Version(), OTP: otpVersion()}
}

// cpuModel returns the "model name" of /proc/cpuinfo, or "unknown CPU".
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

// otpVersion asks erl for the full OTP version (25.2.3), or returns ""
// when erl is not installed.
func otpVersion() string {
	erl, err := exec.LookPath("erl")
	if err != nil {
		return ""
	}
	out, err := exec.Command(erl, "-noshell", "-eval", `{ok, V} = file:read_file(filename:join([code:root_dir(), "releases", erlang:system_info(otp_release), "OTP_VERSION"])), io:put_chars(V), halt().`).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
