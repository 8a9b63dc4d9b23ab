module example.com/app

go 1.22

require (
	example.com/dep v1.1.0
	example.com/dep/nested v1.0.0
	example.com/forked v1.0.0
	// app asks for util v1.0.0; dep and lib need v1.2.0, which MVS selects.
	example.com/util v1.0.0
)

replace example.com/forked => ../forked
