"""Training data, configs and the training workflow for the shipped pipeline."""
