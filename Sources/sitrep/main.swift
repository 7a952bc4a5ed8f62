print("sitrep: under construction")
