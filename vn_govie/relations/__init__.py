"""Relations between entities: candidate pairs, their features and a linear model over them."""
