"""The pure core: parsing, classification, places, rules. No Kafka, HTTP or metrics here."""
