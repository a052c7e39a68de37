/** Fitting a synthetic workload to a trace: statistics in one pass, lifetime fits, the workload section. */
export { cdf, empiricalQuantile, fitLognormal, fitWeibull, ksDistance, quantile, type LognormalFit, type ParametricFit, type WeibullFit } from "./lifetime-fit.js";
export { TraceStats } from "./trace-stats.js";
export { arrivalProfile, fitWorkload, KS_EMPIRICAL_ABOVE, type FitOptions, type FittedWorkload } from "./fit-workload.js";
