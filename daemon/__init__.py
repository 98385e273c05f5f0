"""sahelwatch: foreign military presence in the Sahel, from news feeds to Kafka events."""

__version__ = "0.1.0"
