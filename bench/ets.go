package main

import "fmt"

func runETS(d *Data, cfg measureConfig) (Results, map[string]string, error) {
	return nil, nil, fmt.Errorf("%w: not written yet", errUnavailable)
}
