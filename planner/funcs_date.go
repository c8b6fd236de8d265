package planner

func dateScalarFuncs() map[string]scalarFunc { return map[string]scalarFunc{} }
