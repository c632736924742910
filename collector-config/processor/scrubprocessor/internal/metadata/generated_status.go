// Written by hand in the shape mdatagen generates from ../../metadata.yaml (mdatagen is not
// run in this build). Keep the two in step.

// Package metadata holds the component type and stability of the scrub processor.
package metadata

import (
	"go.opentelemetry.io/collector/component"
)

var (
	Type      = component.MustNewType("scrub")
	ScopeName = "github.com/ordertrace/ordertrace/collector-config/processor/scrubprocessor"
)

const (
	TracesStability  = component.StabilityLevelBeta
	LogsStability    = component.StabilityLevelAlpha
	MetricsStability = component.StabilityLevelAlpha
)
